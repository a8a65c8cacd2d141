-- The benches' one data generator: fills a database the MigrationWorker migrated (and nothing else wrote to) with a
-- marketplace of :listings listings, their sellers, buyers, photos, moderation, :conversations conversations and
-- :messages messages, set-based and in one transaction (all or nothing). Run by bench/data/fill.sh, which checks the
-- arguments, runs VACUUM ANALYZE after it and prints bench/data/summary.sql; read the README's "Bench data" first.
--
-- psql variables: listings, sellers, buyers, conversations, messages, seed, vocabulary (words in the vocabulary),
-- as_of (the moment the data ends: every timestamp is before it). Working directory: bench/data (for words.txt).
--
-- Deterministic: every random choice is pg_temp.u(key, stream), a hash of the seed, the row's key and the choice's
-- stream number, so the same seed and sizes give the same rows in whatever order they are computed; only the timestamps
-- move with as_of. The vocabulary does not depend on the seed (bench queries name its words).
\set ON_ERROR_STOP on
\set QUIET on
\set VERBOSITY terse
BEGIN;
SET LOCAL work_mem = '256MB';
SET LOCAL maintenance_work_mem = '512MB';
SET LOCAL client_min_messages = warning;

SELECT format($f$CREATE FUNCTION pg_temp.u(k bigint, s int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L$f$,
  format('SELECT ((hashint8extended(k, %s::bigint * 65536 + s) >> 11) & 9007199254740991)::float8 / 9007199254740992.0', :seed)) \gexec
-- The seed-independent one, for the vocabulary.
CREATE FUNCTION pg_temp.fixed_u(k bigint, s int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT ((hashint8extended(k, s) >> 11) & 9007199254740991)::float8 / 9007199254740992.0';
-- A Zipf draw (exponent 1) over ranks 1..n from a uniform x in [0, 1): floor((n + 1)^x), so P(r) = log((r + 1) / r) / log(n + 1).
CREATE FUNCTION pg_temp.zipf(x float8, n int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT floor(exp(x * ln(n + 1.0)))::int';
CREATE FUNCTION pg_temp.uuid_of(prefix text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$SELECT (prefix || lpad(to_hex(n), 12, '0'))::uuid$$;
CREATE FUNCTION pg_temp.fail(message text) RETURNS void LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''%'', message; END';

-- Each phase prints its time.
CREATE TEMP TABLE phase_clock (at timestamptz);
INSERT INTO phase_clock VALUES (clock_timestamp());
CREATE FUNCTION pg_temp.done(phase text) RETURNS text LANGUAGE sql AS $$
  WITH before AS (SELECT at FROM phase_clock), moved AS (UPDATE phase_clock SET at = clock_timestamp() RETURNING at)
  SELECT format('  %-58s %7s s', phase, to_char(extract(epoch FROM moved.at - before.at), 'FM99990.0')) FROM before, moved$$;
\pset tuples_only on
\pset format unaligned

SELECT pg_temp.fail('the database already has accounts or listings; fill a freshly migrated database')
WHERE EXISTS (SELECT FROM "User") OR EXISTS (SELECT FROM "Listing") OR EXISTS (SELECT FROM "Conversation");
SELECT pg_temp.fail('the base categories are missing: run the MigrationWorker on this database first')
WHERE (SELECT count(*) FROM "Category" WHERE "ParentId" IS NULL) < 10;

-- Random streams (the second argument of u), one per choice, so that no two choices share their randomness:
--   listing i: 1 time, 3 primary category or not, 4 other category, 5 subcategory or base, 6 which subcategory,
--   7 status, 8 free, 9-10 price, 11 condition, 12 removed, 13 when, 14 price ending, 15-16 photos, 17 last edit,
--   18 title length, 19 which admin removed it, 24 description length, 27 removal reason; words 40 (title) and 41
--   (description), keyed i * 128 + j. Sellers: 2 primary category, 20 slot order, 21 sign-up, 22-23 suspension.
--   Photos 25-26. Conversations 30-39 and 47; messages 42-43; message bodies 44-46.

-- ---- vocabulary ---------------------------------------------------------------------------------------------------
-- words.txt (written for this generator: the words of classified ads, most frequent first, stop words included) holds
-- the top ranks; pronounceable pseudo-words made from syllables fill the rest, each with a lexeme of its own (what
-- to_tsvector('english') makes of it), so that every rank past the real words is a distinct search term.
CREATE TEMP TABLE real_word (n int GENERATED ALWAYS AS IDENTITY, word text NOT NULL);
\copy real_word (word) FROM 'words.txt'
CREATE TEMP TABLE vocab (rank int PRIMARY KEY, word text NOT NULL, lexeme text, content_rank int UNIQUE);
INSERT INTO vocab (rank, word, lexeme)
SELECT n, word, (SELECT string_agg(lexeme, ' ') FROM unnest(to_tsvector('english', word))) FROM real_word;

WITH syllable AS (
  SELECT ARRAY['b','c','d','f','g','h','j','k','l','m','n','p','r','s','t','v','w','z','br','cr','dr','fr','gr','pl','pr',
               'st','tr','ch','sh','th','bl','gl','kl','sk','sp','qu'] AS onset,
         ARRAY['a','e','i','o','u','a','e','i','o','ai','ea','oo','ou','ie'] AS vowel,
         ARRAY['n','r','l','t','m','k','nd','rt','lk','ng','x','mb','rn','sk','ld','p','d','g'] AS coda),
candidate AS (
  SELECT k,
    onset[1 + floor(pg_temp.fixed_u(k, 1) * 36)::int] || vowel[1 + floor(pg_temp.fixed_u(k, 2) * 14)::int]
    || CASE WHEN pg_temp.fixed_u(k, 3) < 0.2 THEN coda[1 + floor(pg_temp.fixed_u(k, 4) * 18)::int] ELSE '' END
    || onset[1 + floor(pg_temp.fixed_u(k, 5) * 36)::int] || vowel[1 + floor(pg_temp.fixed_u(k, 6) * 14)::int]
    || CASE WHEN pg_temp.fixed_u(k, 7) < 0.25
         THEN onset[1 + floor(pg_temp.fixed_u(k, 8) * 36)::int] || vowel[1 + floor(pg_temp.fixed_u(k, 9) * 14)::int] ELSE '' END
    || CASE WHEN pg_temp.fixed_u(k, 10) < 0.7 THEN coda[1 + floor(pg_temp.fixed_u(k, 11) * 18)::int] ELSE '' END AS word
  FROM syllable, generate_series(1, ceil(1.1 * :vocabulary)::int + 1000) AS k),
lexed AS (  -- the words are plain letters, so the stemmer alone says what to_tsvector would (nothing for a stop word)
  SELECT k, word, (ts_lexize('english_stem', word))[1] AS lexeme FROM candidate),
fresh AS (
  SELECT DISTINCT ON (lexeme) k, word, lexeme FROM lexed
  WHERE lexeme IS NOT NULL AND length(word) >= 4
    AND lexeme NOT IN (SELECT lexeme FROM vocab WHERE lexeme IS NOT NULL) AND word NOT IN (SELECT word FROM vocab)
  ORDER BY lexeme, k)
INSERT INTO vocab (rank, word, lexeme)
SELECT (SELECT count(*) FROM real_word) + row_number() OVER (ORDER BY k), word, lexeme
FROM fresh ORDER BY k LIMIT greatest(0, :vocabulary - (SELECT count(*) FROM real_word));
SELECT pg_temp.fail(format('only %s words could be made for a vocabulary of %s', count(*), :vocabulary)) FROM vocab HAVING count(*) < :vocabulary;
-- Titles draw from the words that are search terms (no stop words), in the same order.
UPDATE vocab v SET content_rank = c.n
FROM (SELECT rank, row_number() OVER (ORDER BY rank) AS n FROM vocab WHERE lexeme IS NOT NULL) c WHERE c.rank = v.rank;
CREATE TEMP TABLE content_word AS SELECT content_rank, word FROM vocab WHERE content_rank IS NOT NULL;
ALTER TABLE content_word ADD PRIMARY KEY (content_rank);
ANALYZE vocab, content_word;
SELECT count(*) AS content_words FROM content_word \gset
SELECT pg_temp.done(format('vocabulary: %s words, %s search terms', :vocabulary, :content_words));

-- ---- categories ---------------------------------------------------------------------------------------------------
-- The ten base categories the worker seeded, with their share of listings and their median price.
CREATE TEMP TABLE base_category AS
SELECT b.k, b.legacy::listing_category AS legacy, c."Id" AS id, b.weight, b.median_price, sum(b.weight) OVER (ORDER BY b.k) AS hi
FROM (VALUES (1, 'electronics', 0.18, 120), (2, 'furniture', 0.14, 90), (3, 'clothing', 0.16, 18), (4, 'vehicles', 0.06, 2500),
             (5, 'home_and_garden', 0.14, 30), (6, 'sports', 0.08, 45), (7, 'books_and_media', 0.09, 8), (8, 'toys', 0.07, 15),
             (9, 'collectibles', 0.04, 60), (10, 'other', 0.04, 25)) AS b(k, legacy, weight, median_price)
JOIN "Category" c ON c."Slug" = replace(b.legacy, '_', '-');
SELECT pg_temp.fail('a base category is missing: run the MigrationWorker on this database first') FROM base_category HAVING count(*) < 10;
-- As constants for the plan below: base category k (1..10) of a uniform x is 1 + width_bucket(x, :'base_bounds').
SELECT array_agg(hi ORDER BY k) FILTER (WHERE k < 10) AS base_bounds, array_agg(id ORDER BY k) AS base_ids,
       array_agg(legacy ORDER BY k) AS base_legacy, array_agg(median_price ORDER BY k) AS base_median
FROM base_category \gset

-- ---- accounts -----------------------------------------------------------------------------------------------------
-- Sellers are accounts 1..:sellers, ranked: seller r has 1 + (listings - sellers) * r^-0.75 / sum of r^-0.75 listings
-- (rounded down; the remainder one each to the first), so each has one or more and the first few thousands. Buyers
-- are accounts :sellers + 1 .. :sellers + :buyers (sellers buy too). Each seller has a primary category (60 % of
-- their listings).
CREATE TEMP TABLE seller AS SELECT r AS n, power(r, -0.75) AS w FROM generate_series(1, :sellers) AS r;
ALTER TABLE seller ADD COLUMN listing_count int;
UPDATE seller SET listing_count = 1 + floor((:listings - :sellers) * w / (SELECT sum(w) FROM seller));
UPDATE seller SET listing_count = listing_count + 1 WHERE n <= :listings - (SELECT sum(listing_count) FROM seller);
ALTER TABLE seller ADD PRIMARY KEY (n);
-- Which seller lists listing i: the sellers' slots in a random order.
CREATE TEMP TABLE slot AS
SELECT row_number() OVER (ORDER BY pg_temp.u(s.n::bigint * 1048576 + j, 20), s.n, j) AS i, s.n AS seller_n
FROM seller s, generate_series(1, s.listing_count) AS j;
ALTER TABLE slot ADD PRIMARY KEY (i);
ANALYZE seller, slot;
SELECT pg_temp.done(format('%s sellers'' listing counts and slots', :sellers));

-- Subcategories an admin added under the base categories (the demo marketplace's), each with its audit row below.
CREATE TEMP TABLE subcategory AS
SELECT s.parent_slug, s.name, s.slug, s.description, s.sort_order, p."Id" AS parent_id
FROM (VALUES
  ('electronics', 'Phones & tablets', 'phones-and-tablets', 'Smartphones, tablets and e-readers.', 10),
  ('electronics', 'Computers', 'computers', 'Laptops, desktops, monitors and what goes with them.', 20),
  ('electronics', 'Audio', 'audio', 'Headphones, speakers and hi-fi.', 30),
  ('electronics', 'Cameras', 'cameras', 'Cameras, lenses and accessories.', 40),
  ('furniture', 'Chairs & armchairs', 'chairs-and-armchairs', 'Dining chairs, office chairs and armchairs.', 10),
  ('furniture', 'Tables & desks', 'tables-and-desks', 'Dining tables, coffee tables and desks.', 20),
  ('furniture', 'Sofas', 'sofas', 'Sofas, sofa beds and footstools.', 30),
  ('furniture', 'Lighting', 'lighting', 'Floor, desk and ceiling lamps.', 40),
  ('clothing', 'Women''s clothing', 'womens-clothing', 'Coats, dresses, jumpers and more.', 10),
  ('clothing', 'Men''s clothing', 'mens-clothing', 'Jackets, shirts, suits and more.', 20),
  ('clothing', 'Shoes', 'shoes', 'Trainers, boots and shoes for every age.', 30),
  ('vehicles', 'Bicycles', 'bicycles', 'City, road, mountain, electric and children''s bikes.', 10),
  ('vehicles', 'Cars', 'cars', 'Cars and vans.', 20),
  ('vehicles', 'Parts & accessories', 'vehicle-parts-and-accessories', 'Tyres, wheels, racks and everything else for a vehicle.', 30),
  ('home-and-garden', 'Kitchen', 'kitchen', 'Cookware, small appliances and tableware.', 10),
  ('home-and-garden', 'Garden', 'garden', 'Plants, pots and what a garden needs.', 20),
  ('home-and-garden', 'Tools & DIY', 'tools-and-diy', 'Power tools, hand tools and ladders.', 30),
  ('sports', 'Fitness', 'fitness', 'Weights, benches and machines.', 10),
  ('sports', 'Outdoor & camping', 'outdoor-and-camping', 'Tents, sleeping bags and stoves.', 20),
  ('sports', 'Winter sports', 'winter-sports', 'Skis, boards and skates.', 30),
  ('books-and-media', 'Books', 'books', 'Novels, non-fiction and children''s books.', 10),
  ('books-and-media', 'Music', 'music', 'Records, CDs and sheet music.', 20),
  ('books-and-media', 'Video games & films', 'video-games-and-films', 'Games, consoles and films.', 30),
  ('toys', 'Building toys', 'building-toys', 'Bricks, blocks and construction sets.', 10),
  ('toys', 'Soft toys', 'soft-toys', 'Teddies and cuddly toys.', 20),
  ('collectibles', 'Coins & stamps', 'coins-and-stamps', 'Coins, stamps and banknotes.', 10),
  ('collectibles', 'Art', 'art', 'Paintings, prints and sculpture.', 20),
  ('collectibles', 'Antiques', 'antiques', 'Furniture, silver and porcelain with a history.', 30)
) AS s(parent_slug, name, slug, description, sort_order)
JOIN "Category" p ON p."Slug" = s.parent_slug;
INSERT INTO "Category" ("Name", "Slug", "Description", "ParentId", "SortOrder", "IsActive", "CreatedAt", "UpdatedAt")
SELECT name, slug, description, parent_id, sort_order, TRUE,
       :'as_of'::timestamptz - interval '760 days', :'as_of'::timestamptz - interval '760 days'
FROM subcategory ORDER BY parent_id, sort_order;
-- As constants: base category k's subcategories are sub_ids[sub_first[k] .. sub_first[k] + sub_count[k] - 1].
SELECT array_agg(c."Id" ORDER BY b.k, c."SortOrder") AS sub_ids FROM "Category" c
JOIN subcategory s ON s.slug = c."Slug" JOIN base_category b ON b.id = c."ParentId" \gset
SELECT array_agg(n ORDER BY k) AS sub_count, array_agg(first ORDER BY k) AS sub_first
FROM (SELECT k, n, 1 + sum(n) OVER (ORDER BY k) - n AS first
      FROM (SELECT b.k, count(s.slug) AS n FROM base_category b LEFT JOIN subcategory s ON s.parent_id = b.id GROUP BY b.k) c) t \gset

-- ---- the listings' plan: everything but the description ------------------------------------------------------------
-- Listing i is created at fraction f of the last two years, f = sqrt(1 + 3t) - 1 for t = (i - 1 + u) / listings: in
-- id order, as the Api inserts them, at a rate that doubles over the two years. The age a = 1 - f drives the status
-- (older listings are more often sold or archived) and whether the seller stated a condition (not before a = 0.7).
CREATE TEMP TABLE plan AS
SELECT q.*, q.created + (:'as_of'::timestamptz - q.created) * power(pg_temp.u(q.i, 17), 4) AS edited,
       q.created + (:'as_of'::timestamptz - q.created) * pg_temp.u(q.i, 13) AS removed_at
FROM (
  SELECT s.i, s.seller_n, x.created, x.a, (:'base_legacy'::listing_category[])[k.k] AS legacy,
    CASE WHEN (:'sub_count'::int[])[k.k] > 0 AND pg_temp.u(s.i, 5) < 0.7
         THEN (:'sub_ids'::int[])[(:'sub_first'::int[])[k.k] + floor(pg_temp.u(s.i, 6) * (:'sub_count'::int[])[k.k])::int]
         ELSE (:'base_ids'::int[])[k.k] END AS category_id,
    (CASE WHEN r.st < 0.03 THEN 'draft' WHEN r.st < 0.07 + 0.14 * x.a THEN 'sold' WHEN r.st < 0.08 + 0.22 * x.a THEN 'archived'
          ELSE 'active' END)::listing_status AS status,
    -- As sellers write prices: halves under 10, whole units under 100, fives under 1,000, fifties above; one in seven
    -- ends in .99; one listing in a hundred is free.
    CASE WHEN pg_temp.u(s.i, 8) < 0.01 THEN 0::numeric
         WHEN pg_temp.u(s.i, 14) < 0.15 AND pr.r >= 5 THEN pr.r - 0.01 ELSE pr.r END AS price,
    CASE WHEN x.a > 0.7 THEN NULL
         ELSE (CASE WHEN r.c < 0.12 THEN 'new' WHEN r.c < 0.37 THEN 'like_new' WHEN r.c < 0.75 THEN 'good'
                    WHEN r.c < 0.95 THEN 'fair' ELSE 'for_parts' END)::item_condition END AS condition,
    r.st >= 0.03 AND pg_temp.u(s.i, 12) < 0.01 AS removed,
    CASE WHEN pg_temp.u(s.i, 15) < 1 / 3.0 THEN least(12, 1 + floor(-ln(1 - pg_temp.u(s.i, 16)) * 1.6)::int) ELSE 0 END AS photos,
    (SELECT upper(left(t, 1)) || substr(t, 2) FROM (
       SELECT string_agg(w.word, ' ') AS t
       FROM generate_series(1, 2 + floor(pg_temp.u(s.i, 18) * 6)::int) AS j
       JOIN content_word w ON w.content_rank = pg_temp.zipf(pg_temp.u(s.i * 128 + j, 40), :content_words)) tt) AS title
  FROM slot s
  -- The seller's primary category (stream 2, keyed by the seller) for 60 % of their listings, one drawn by weight for the rest.
  CROSS JOIN LATERAL (SELECT 1 + width_bucket(CASE WHEN pg_temp.u(s.i, 3) < 0.6 THEN pg_temp.u(s.seller_n, 2) ELSE pg_temp.u(s.i, 4) END,
                                              :'base_bounds'::float8[]) AS k) k
  CROSS JOIN LATERAL (SELECT :'as_of'::timestamptz - interval '730 days' * (1 - f) AS created, 1 - f AS a
                      FROM (SELECT sqrt(1 + 3 * ((s.i - 1 + pg_temp.u(s.i, 1)) / :listings::float8)) - 1 AS f) t) x
  CROSS JOIN LATERAL (SELECT pg_temp.u(s.i, 7) AS st, pg_temp.u(s.i, 11) AS c) r
  -- Log-normal around the category's median (Box-Muller).
  CROSS JOIN LATERAL (SELECT ((:'base_median'::float8[])[k.k]
                              * exp(0.9 * sqrt(-2 * ln(1 - pg_temp.u(s.i, 9))) * cos(2 * pi() * pg_temp.u(s.i, 10))))::numeric AS p) rp
  CROSS JOIN LATERAL (SELECT greatest(0.5, CASE WHEN rp.p < 10 THEN round(rp.p * 2) / 2 WHEN rp.p < 100 THEN round(rp.p)
                                                WHEN rp.p < 1000 THEN round(rp.p / 5) * 5 ELSE round(rp.p / 50) * 50 END) AS r) pr
) q
ORDER BY q.i;
ALTER TABLE plan ADD PRIMARY KEY (i);
ANALYZE plan;
SELECT pg_temp.done(format('%s listings planned (titles, prices, statuses)', :listings));

-- ---- accounts, as rows ------------------------------------------------------------------------------------------
-- Ids 00000000-0000-4000-8000-<n in hex> (the convention the bench scripts build seller ids with), admins
-- 00000000-0000-4000-a000-<n>. Every account's password is "marketplace-bench" (AccountPasswordHasher's format:
-- PBKDF2-HMAC-SHA512, 210,000 iterations, one fixed salt), every address verified. A seller signed up within a month
-- before their first listing; a buyer at any time before the last quarter. One seller in 500 (never one of the first
-- 100) was suspended by an admin after their last listing: stamp raised, every listing of theirs hidden.
\set password_hash 'AQAAAAIAAzRQAAAAEGJlbmNoLWRhdGEtc2FsdCEGHcnTIFFzpvfqxK7cNNzgG76fySH07hzKdLGfg/EqKw=='
CREATE TEMP TABLE account AS
SELECT n, pg_temp.uuid_of('00000000-0000-4000-8000-', n) AS id, true AS is_seller,
       first_listed - interval '10 minutes' - interval '30 days' * pg_temp.u(n, 21) AS created,
       CASE WHEN n > 100 AND pg_temp.u(n, 22) < 0.002 THEN last_listed + (:'as_of'::timestamptz - last_listed) * pg_temp.u(n, 23) END AS suspended_at
FROM (SELECT seller_n AS n, min(created) AS first_listed, max(created) AS last_listed FROM plan GROUP BY seller_n) s
UNION ALL
SELECT n, pg_temp.uuid_of('00000000-0000-4000-8000-', n), false,
       :'as_of'::timestamptz - interval '730 days' + interval '547 days' * pg_temp.u(n, 21), NULL
FROM generate_series(:sellers + 1, :sellers + :buyers) AS n;
ALTER TABLE account ADD PRIMARY KEY (n);
ALTER TABLE account ADD COLUMN verified timestamptz;
UPDATE account SET verified = created + interval '10 minutes';
ANALYZE account;

CREATE TEMP TABLE admin AS
SELECT k, pg_temp.uuid_of('00000000-0000-4000-a000-', k) AS id FROM generate_series(1, 3) AS k;
CREATE FUNCTION pg_temp.display_name(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (ARRAY['Ada','Ben','Chloé','Dmitri','Emma','Farid','Grace','Hugo','Ines','Jonas','Kofi','Lena','Mateo','Nora',
                'Oskar','Priya','Quentin','Rosa','Sven','Tara','Umar','Vera','Wen','Ximena','Yusuf','Zofia','Aoife','Bjørn',
                'Carmen','Dev','Elif','Finn','Giulia','Hamid','Ingrid','Jae','Kai','Leila','Marek','Noor'])[1 + n % 40]
         || ' ' || (ARRAY['A.','B.','C.','D.','E.','F.','G.','H.','K.','L.','M.','N.','O.','P.','R.','S.','T.','V.','W.','Z.',
                          'Novák','Okafor','Lindqvist','Moreau','Rossi','Tanaka','Kowalski','García','Müller','Haddad'])[1 + (n / 40) % 30]$$;

INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash", "Role", "EmailVerifiedAt", "SecurityStamp",
                    "SuspendedAt", "SuspensionReason", "CreatedAt", "UpdatedAt")
SELECT id, email, upper(email), name, :'password_hash', 'admin'::user_role, created, 0, NULL, NULL, created, created
FROM (SELECT id, 'admin' || k || '@bench.example' AS email, 'Admin ' || k AS name,
             :'as_of'::timestamptz - interval '800 days' AS created FROM admin) a
UNION ALL
SELECT a.id, e.email, upper(e.email), pg_temp.display_name(a.n), :'password_hash', 'user'::user_role, a.verified,
       CASE WHEN a.suspended_at IS NULL THEN 0 ELSE 1 END, a.suspended_at,
       CASE WHEN a.suspended_at IS NOT NULL THEN 'Several buyers reported payment requests outside the marketplace.' END,
       a.created, coalesce(a.suspended_at, a.verified)
FROM account a CROSS JOIN LATERAL (SELECT (CASE WHEN a.is_seller THEN 'seller' ELSE 'buyer' END) || a.n || '@bench.example' AS email) e
ORDER BY 1;
SELECT pg_temp.done(format('%s accounts (%s sellers, %s suspended)', (SELECT count(*) FROM account) + 3, :sellers,
                           (SELECT count(*) FROM account WHERE suspended_at IS NOT NULL)));

-- ---- listings -----------------------------------------------------------------------------------------------------
-- As pg_restore loads a dump: the filled tables' foreign keys and the indexes no constraint owns are dropped, and
-- made again after the load exactly as they were (pg_get_constraintdef, pg_get_indexdef: same names, same
-- definitions, so the schema guard sees the schema it verified). One sorted build of an index is much cheaper than a
-- million insertions into it (Listing has seventeen, two of them full-text), and adding a foreign key checks every
-- row in one join instead of a lookup per row. Nothing goes unchecked: a unique index checks its rows when it is
-- built, a foreign key when it is added; primary keys and checks stay in place throughout; and if anything fails, the
-- transaction undoes the drops with the rows.
CREATE TEMP TABLE rebuilt_index AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition, c.relname AS table_name
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relname IN ('Listing', 'ListingImage', 'Conversation', 'ConversationMessage', 'ConversationParticipant')
  AND c.relnamespace = 'public'::regnamespace
  AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid);
CREATE TEMP TABLE rebuilt_foreign_key AS
SELECT k.conrelid::regclass::text AS table_name, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace
  AND c.relname IN ('Listing', 'ListingImage', 'Conversation', 'ConversationMessage', 'ConversationParticipant');
SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', table_name, name) FROM rebuilt_foreign_key \gexec
SELECT format('DROP INDEX %s', name) FROM rebuilt_index \gexec

-- The description: 10 to 89 words (42 on average) from the whole vocabulary, Zipf-distributed, a full stop every
-- ninth word. SearchVector is computed by the table's own trigger (TR_Listing_SearchVector), as for every row the Api
-- writes, so no listing is left for the worker's backfill (IX_Listing_SearchVector_Pending stays empty).
INSERT INTO "Listing" ("Id", "Title", "Description", "Price", "Category", "CategoryId", "Status", "Condition", "SellerId",
                       "CreatedAt", "UpdatedAt", "RemovedAt", "RemovedById", "RemovalReason", "SellerSuspendedAt")
OVERRIDING SYSTEM VALUE
SELECT p.i, p.title, upper(left(d.description, 1)) || substr(d.description, 2), p.price, p.legacy, p.category_id, p.status, p.condition, pg_temp.uuid_of('00000000-0000-4000-8000-', p.seller_n),
       p.created, CASE WHEN p.removed THEN greatest(p.edited, p.removed_at) ELSE p.edited END,
       CASE WHEN p.removed THEN p.removed_at END,
       CASE WHEN p.removed THEN pg_temp.uuid_of('00000000-0000-4000-a000-', 1 + floor(pg_temp.u(p.i, 19) * 3)::int) END,
       CASE WHEN p.removed THEN (ARRAY['Counterfeit goods.', 'Reported as a scam by several buyers.', 'Prohibited item.',
         'Duplicate of another listing.', 'The description does not match the photos.'])[1 + floor(pg_temp.u(p.i, 27) * 5)::int] END,
       (SELECT a.suspended_at FROM account a WHERE a.n = p.seller_n)
FROM plan p
CROSS JOIN LATERAL (SELECT 10 + floor(power(pg_temp.u(p.i, 24), 1.5) * 80)::int AS n) len
CROSS JOIN LATERAL (
  SELECT string_agg(w.word || CASE WHEN j % 9 = 0 OR j = len.n THEN '.' ELSE '' END, ' ') AS description
  FROM generate_series(1, len.n) AS j
  JOIN vocab w ON w.rank = pg_temp.zipf(pg_temp.u(p.i * 128 + j, 41), :vocabulary)) d
ORDER BY p.i;
SELECT pg_temp.done(format('%s listings inserted (text, SearchVector by trigger)', :listings));

-- ---- photos -------------------------------------------------------------------------------------------------------
-- A third of the listings have 1 to 12 photos (most one to three), stored as uploads are: renditions named by the
-- content hash ({hash}/320.webp, {hash}/1280.webp), their sizes, the original's length, the title as alt text. No
-- blob exists behind them: a page shows the path, and fetching it answers 404.
INSERT INTO "ListingImage" ("ListingId", "Position", "ContentHash", "ThumbnailBlobName", "DisplayBlobName", "Width", "Height",
                            "ThumbnailWidth", "ThumbnailHeight", "OriginalBytes", "AltText", "CreatedAt", "UpdatedAt")
SELECT p.i, pos, h.hash, h.hash || '/320.webp', h.hash || '/1280.webp', s.w, s.h, s.w / 4, s.h / 4,
       1500000 + floor(pg_temp.u(p.i * 16 + pos, 26) * 3500000)::bigint, left(p.title, 500),
       p.created + interval '20 seconds' * (pos + 1), p.created + interval '20 seconds' * (pos + 1)
FROM plan p
CROSS JOIN LATERAL generate_series(0, p.photos - 1) AS pos
CROSS JOIN LATERAL (SELECT encode(sha256(convert_to(:seed || '/' || p.i || '/' || pos, 'UTF8')), 'hex') AS hash) h
CROSS JOIN LATERAL (SELECT CASE WHEN x < 0.7 THEN 1280 WHEN x < 0.95 THEN 960 ELSE 1280 END AS w,
                           CASE WHEN x < 0.7 THEN 960 ELSE 1280 END AS h
                    FROM (SELECT pg_temp.u(p.i * 16 + pos, 25) AS x) t) s
WHERE p.photos > 0
ORDER BY p.i, pos;
SELECT pg_temp.done(format('%s photos of %s listings', (SELECT sum(photos) FROM plan), (SELECT count(*) FROM plan WHERE photos > 0)));

-- ---- moderation's audit rows ----------------------------------------------------------------------------------------
-- What the Api writes with each admin action (AdminAudit): the subcategories' creation, each removal (one in a hundred
-- listings that were ever public), each suspension.
INSERT INTO "AdminAuditLog" ("AdminId", "Action", "TargetType", "TargetId", "Details", "CreatedAt")
SELECT (SELECT id FROM admin WHERE k = 1), 'category_created'::admin_action, 'category'::audit_target_type, c."Id"::text,
       jsonb_build_object('before', NULL, 'after', jsonb_build_object('name', c."Name", 'slug', c."Slug", 'description', c."Description",
         'parentId', c."ParentId", 'sortOrder', c."SortOrder", 'isActive', c."IsActive"), 'reason', NULL),
       c."CreatedAt"
FROM "Category" c JOIN subcategory s ON s.slug = c."Slug"
UNION ALL
SELECT l."RemovedById", 'listing_removed', 'listing', l."Id"::text,
       jsonb_build_object('before', jsonb_build_object('removed', false, 'status', initcap(l."Status"::text)),
                          'after', jsonb_build_object('removed', true, 'status', initcap(l."Status"::text), 'reportsResolved', 0),
                          'reason', l."RemovalReason"),
       l."RemovedAt"
FROM "Listing" l JOIN plan p ON p.i = l."Id" AND p.removed
UNION ALL
SELECT (SELECT id FROM admin WHERE k = 2), 'user_suspended', 'user', a.id::text,
       jsonb_build_object('before', jsonb_build_object('suspended', false, 'securityStamp', 0),
                          'after', jsonb_build_object('suspended', true, 'securityStamp', 1,
                                                      'listingsHidden', (SELECT listing_count FROM seller WHERE n = a.n), 'reportsResolved', 0),
                          'reason', 'Several buyers reported payment requests outside the marketplace.'),
       a.suspended_at
FROM account a WHERE a.suspended_at IS NOT NULL
ORDER BY 6;
SELECT pg_temp.done('audit rows for categories, removals and suspensions');

-- ---- conversations --------------------------------------------------------------------------------------------------
-- A buyer writes about a listing that was public (not a draft) and not their own; neither side suspended (a
-- suspended account cannot write, nor be written to). Listings are picked evenly, buyers with a skew (buyer rank
-- floor(pool * u^2): the most active writes a few hundred times). The first message opens the conversation some
-- time after both the listing and the buyer existed, and every message is written before the listing was removed
-- (a removed listing's conversations are read-only) and before as_of. One conversation per listing and buyer.
CREATE TEMP TABLE eligible AS
SELECT row_number() OVER (ORDER BY p.i) AS n, p.i, a.id AS seller_id, p.created,
       CASE WHEN p.removed THEN p.removed_at ELSE :'as_of'::timestamptz END AS closes
FROM plan p JOIN account a ON a.n = p.seller_n
WHERE p.status <> 'draft' AND a.suspended_at IS NULL;
ALTER TABLE eligible ADD PRIMARY KEY (n);
CREATE TEMP TABLE buyer_pool AS
SELECT row_number() OVER (ORDER BY pg_temp.u(n, 30), n) AS rank, id, verified FROM account WHERE suspended_at IS NULL;
ALTER TABLE buyer_pool ADD PRIMARY KEY (rank);
ANALYZE eligible, buyer_pool;
SELECT count(*) AS eligible_count FROM eligible \gset
SELECT count(*) AS buyer_count FROM buyer_pool \gset

CREATE TEMP TABLE conversation AS
SELECT row_number() OVER (ORDER BY opened, c) AS id, *
FROM (
  SELECT * FROM (
    SELECT DISTINCT ON (e.i, b.id) x.c, e.i AS listing_id, b.id AS buyer_id, e.seller_id, e.closes,
           o.earliest + least(interval '1 day' * 3 * -ln(1 - pg_temp.u(x.c, 33)), (e.closes - o.earliest) * 0.5) AS opened
    FROM generate_series(1, (:conversations * 1.3)::bigint + 100) AS x(c)
    JOIN eligible e ON e.n = (1 + floor(pg_temp.u(x.c, 31) * :eligible_count))::bigint
    JOIN buyer_pool b ON b.rank = (1 + floor(:buyer_count * power(pg_temp.u(x.c, 32), 2)))::bigint
    CROSS JOIN LATERAL (SELECT greatest(e.created, b.verified) AS earliest) o
    WHERE b.id <> e.seller_id AND o.earliest < e.closes - interval '1 hour'
    ORDER BY e.i, b.id, x.c) pairs
  ORDER BY c
  LIMIT :conversations) chosen
ORDER BY opened, c;
SELECT count(*) AS conversation_count FROM conversation \gset
SELECT pg_temp.fail(format('only %s conversations could be made (%s listings, %s accounts): ask for fewer', :conversation_count, :listings, :buyer_count))
WHERE :conversation_count < :conversations;
SELECT pg_temp.fail('each conversation needs at least one message: ask for at least as many messages as conversations')
WHERE :messages < :conversations;

-- Messages per conversation: 1 + (messages - conversations) * w / sum w (rounded down; the remainder one each to the
-- first) for w = -ln(1 - u) * min(50, (1 - u')^-0.6), exponential times a capped Pareto: at ten messages a conversation
-- on average, one in seven is a single unanswered message, the median five, one in a hundred runs past 70. Message j of m is written at opened + span * (j - 1 + 0.9u) / m (the first at opened), so in order; span
-- about three hours per message, shorter if the listing closes sooner. The first is the buyer's; after it each is the
-- buyer's with probability 0.45.
ALTER TABLE conversation ADD COLUMN w float8, ADD COLUMN message_count int, ADD COLUMN span interval;
UPDATE conversation SET w = -ln(1 - pg_temp.u(id, 34)) * least(50, power(1 - pg_temp.u(id, 47), -0.6));
UPDATE conversation SET message_count = 1 + floor((:messages - :conversations) * w / (SELECT sum(w) FROM conversation));
UPDATE conversation SET message_count = message_count + 1 WHERE id <= :messages - (SELECT sum(message_count) FROM conversation);
UPDATE conversation SET span = least(closes - opened - interval '1 minute', interval '3 hours' * message_count * -ln(1 - pg_temp.u(id, 35)));
ALTER TABLE conversation ADD PRIMARY KEY (id);
ANALYZE conversation;

CREATE TEMP TABLE message AS
SELECT c.id AS conversation_id, j,
       CASE WHEN j = 1 THEN c.opened ELSE c.opened + c.span * ((j - 1 + 0.9 * pg_temp.u(c.id * 1048576 + j, 42)) / c.message_count) END AS at,
       j = 1 OR pg_temp.u(c.id * 1048576 + j, 43) < 0.45 AS from_buyer
FROM conversation c, generate_series(1, c.message_count) AS j;

-- What people write: openers for a first message, else 2 to 40 words of the vocabulary (a pool of 20,000 bodies).
CREATE TEMP TABLE body AS
SELECT n, (SELECT upper(left(t, 1)) || substr(t, 2) || (ARRAY['.', '?', '!', '.', '', '?'])[1 + floor(pg_temp.u(n, 46) * 6)::int] FROM (
          SELECT string_agg(w.word, ' ') AS t FROM generate_series(1, 2 + floor(power(pg_temp.u(n, 44), 2) * 39)::int) AS j
          JOIN vocab w ON w.rank = pg_temp.zipf(pg_temp.u(n * 64 + j, 45), :vocabulary)) tt) AS text
FROM generate_series(1, 20000) AS n;
ALTER TABLE body ADD PRIMARY KEY (n);
CREATE TEMP TABLE opener AS
SELECT n, text FROM unnest(ARRAY['Hi, is this still available?', 'Hello! Would you take a lower price?',
  'Is the price negotiable?', 'Could I come and see it this weekend?', 'Can you post it?', 'Hi, does it still work?',
  'Are there any scratches or marks not in the photos?', 'I''m interested. When could I pick it up?']) WITH ORDINALITY AS o(text, n);
ANALYZE message, body, opener;

INSERT INTO "Conversation" ("Id", "ListingId", "BuyerId", "SellerId", "CreatedAt", "LastMessageAt")
OVERRIDING SYSTEM VALUE
SELECT c.id, c.listing_id, c.buyer_id, c.seller_id, c.opened, m.last_at
FROM conversation c JOIN (SELECT conversation_id, max(at) AS last_at FROM message GROUP BY conversation_id) m ON m.conversation_id = c.id
ORDER BY c.id;
SELECT pg_temp.done(format('%s conversations', :conversation_count));

-- In the order they were written, as the Api assigns ids.
INSERT INTO "ConversationMessage" ("ConversationId", "SenderId", "Body", "CreatedAt")
SELECT m.conversation_id, CASE WHEN m.from_buyer THEN c.buyer_id ELSE c.seller_id END,
       CASE WHEN m.j = 1 AND pg_temp.u(m.conversation_id, 36) < 0.7 THEN o.text ELSE b.text END, m.at
FROM message m
JOIN conversation c ON c.id = m.conversation_id
JOIN body b ON b.n = (1 + floor(pg_temp.u(m.conversation_id * 1048576 + m.j, 37) * 20000))::bigint
JOIN opener o ON o.n = (1 + floor(pg_temp.u(m.conversation_id, 38) * 8))::bigint
ORDER BY m.at, m.conversation_id, m.j;
SELECT pg_temp.done(format('%s messages', :messages));

-- Each side's inbox row, as ConversationWriting keeps it: the last message's time, and the other side's messages
-- since this side last read. Writing means having read the conversation, so a side has read up to its own last
-- message at least; beyond it, it read everything since with probability 0.9 when the last message is older than
-- three days, 0.4 when newer.
INSERT INTO "ConversationParticipant" ("ConversationId", "UserId", "LastMessageAt", "UnreadCount")
SELECT c.id, side.user_id, s.last_at,
       CASE WHEN pg_temp.u(c.id * 2 + side.k, 39) < CASE WHEN s.last_at < :'as_of'::timestamptz - interval '3 days' THEN 0.9 ELSE 0.4 END
            THEN 0 ELSE side.unread END
FROM conversation c
JOIN (SELECT m.conversation_id, max(m.at) AS last_at,
             count(*) FILTER (WHERE NOT m.from_buyer AND m.j > l.buyer_last) AS buyer_unread,
             count(*) FILTER (WHERE m.from_buyer AND m.j > l.seller_last) AS seller_unread
      FROM message m
      JOIN (SELECT conversation_id, max(j) FILTER (WHERE from_buyer) AS buyer_last,
                   coalesce(max(j) FILTER (WHERE NOT from_buyer), 0) AS seller_last
            FROM message GROUP BY conversation_id) l ON l.conversation_id = m.conversation_id
      GROUP BY m.conversation_id) s ON s.conversation_id = c.id
CROSS JOIN LATERAL (VALUES (0, c.buyer_id, s.buyer_unread), (1, c.seller_id, s.seller_unread)) AS side(k, user_id, unread)
ORDER BY c.id, side.k;
SELECT pg_temp.done(format('%s conversation participants', 2 * :conversation_count));

-- ---- indexes, foreign keys, sequences ---------------------------------------------------------------------------
SELECT definition FROM rebuilt_index ORDER BY table_name, name \gexec
SELECT pg_temp.done(format('%s indexes rebuilt', (SELECT count(*) FROM rebuilt_index)));
SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', table_name, name, definition) FROM rebuilt_foreign_key ORDER BY table_name, name \gexec
SELECT pg_temp.done(format('%s foreign keys added back, every row checked', (SELECT count(*) FROM rebuilt_foreign_key)));
-- Listing and Conversation were given their ids: the Api's next ones follow them.
SELECT setval(pg_get_serial_sequence('"Listing"', 'Id'), :listings) AS listing_sequence,
       setval(pg_get_serial_sequence('"Conversation"', 'Id'), greatest(1, :conversation_count)) AS conversation_sequence \gset
COMMIT;
