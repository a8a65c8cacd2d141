-- Seeds a migrated Marketplace database with :users sellers and :listings listings, set-based in one transaction.
-- Usage: psql -v users=10000 -v listings=1000000 -f seed-listings.sql   (then VACUUM ANALYZE: see api-load.sh)
-- Distributions: categories skewed (the first few of the ten base categories hold most listings), prices log-uniform
-- from 1 to ~8,000, sellers skewed (a few power sellers, a long tail), statuses 85% active / 8% sold / 4% draft /
-- 3% archived, created over the last year; titles and descriptions drawn from a fixed vocabulary so that full-text
-- search finds both common words (thousands of hits) and rare pairs (a handful).
\set ON_ERROR_STOP on
BEGIN;
SELECT setseed(0.42);

INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash", "Role", "EmailVerifiedAt", "CreatedAt", "UpdatedAt")
SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
       'seller' || i || '@bench.example', upper('seller' || i || '@bench.example'), 'Seller ' || i,
       'not-a-password-hash', 'user', now() - interval '2 years', now() - interval '2 years', now() - interval '2 years'
FROM generate_series(1, :users) AS i;

CREATE TEMP TABLE vocab AS SELECT
  array['red','blue','green','black','white','vintage','modern','antique','compact','large','small','used','new',
        'refurbished','wooden','leather','electric','portable','classic','premium','cheap','rare','handmade','oak',
        'steel','cotton','wireless','digital','folding','kids'] AS adjectives,
  array['bike','sofa','table','chair','lamp','phone','laptop','camera','guitar','piano','jacket','shoes','watch',
        'desk','bed','stroller','drill','mower','tent','kayak','book','record','console','puzzle','doll','car',
        'scooter','monitor','speaker','mirror','rug','dresser','bookshelf','helmet','skis','printer','tablet',
        'headphones','blender','kettle'] AS nouns,
  array['good','condition','barely','used','pickup','only','delivery','possible','original','box','included',
        'minor','scratches','works','perfectly','moving','sale','must','go','cash','price','negotiable','smoke',
        'free','home','pet','like','new','well','kept','receipt','warranty','spare','parts','collector','item',
        'gift','unwanted','clean','tested','fast','shipping','local','weekend','offers','welcome','family','owned',
        'garage','find'] AS filler;

CREATE TEMP TABLE base_category AS
SELECT row_number() OVER (ORDER BY e.ord) AS k, e.value AS legacy, c."Id" AS id
FROM unnest(enum_range(NULL::listing_category)) WITH ORDINALITY AS e(value, ord)
JOIN "Category" c ON c."Slug" = replace(e.value::text, '_', '-');

INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "CategoryId", "Status", "SellerId", "CreatedAt", "UpdatedAt")
SELECT g.title, g.description, g.price, bc.legacy, bc.id, g.status,
       ('00000000-0000-4000-8000-' || lpad(to_hex(g.seller), 12, '0'))::uuid, g.created, g.created
FROM (
  SELECT
    v.adjectives[1 + floor(random() * 30)::int] || ' ' || v.adjectives[1 + floor(random() * 30)::int] || ' '
      || v.nouns[1 + floor(random() * 40)::int] AS title,
    (SELECT string_agg(word, ' ') FROM (SELECT v.filler[1 + floor(random() * 50)::int] AS word
      FROM generate_series(1, 12 + (i % 20)) AS w) AS words) || ' ' || v.nouns[1 + floor(random() * 40)::int] AS description,
    round(exp(random() * ln(8000))::numeric, 2) AS price,
    1 + least(9, floor(10 * power(random(), 1.8)))::int AS k,
    (CASE WHEN r < 0.85 THEN 'active' WHEN r < 0.93 THEN 'sold' WHEN r < 0.97 THEN 'draft' ELSE 'archived' END)::listing_status AS status,
    1 + floor(:users * power(random(), 2))::int AS seller,
    now() - random() * interval '365 days' AS created
  FROM generate_series(1, :listings) AS i, vocab v, LATERAL (SELECT random() AS r OFFSET 0 * i) AS s
) AS g
JOIN base_category bc ON bc.k = g.k;
COMMIT;
