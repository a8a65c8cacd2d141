-- What bench/data/fill.sql made, after VACUUM ANALYZE: counts, distributions, the commonest words, and checks that the
-- rows are as the Api would have left them (a failed check raises an error: fill.sh exits 5).
\set ON_ERROR_STOP on
\set QUIET on
\set VERBOSITY terse
\pset format aligned
\pset tuples_only off
\pset footer off
\pset null '-'
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;

\echo '== accounts and categories'
SELECT count(*) FILTER (WHERE "Role" = 'admin') AS admins,
       count(*) FILTER (WHERE "Email" LIKE 'seller%') AS sellers,
       count(*) FILTER (WHERE "Email" LIKE 'buyer%') AS buyers,
       count(*) FILTER (WHERE "SuspendedAt" IS NOT NULL) AS suspended,
       (SELECT count(*) FROM "Category" WHERE "ParentId" IS NULL) AS base_categories,
       (SELECT count(*) FROM "Category" WHERE "ParentId" IS NOT NULL) AS subcategories
FROM "User";

\echo '== listings by status (removed: by an admin; hidden: the seller is suspended)'
SELECT "Status" AS status, count(*) AS listings, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent,
       count(*) FILTER (WHERE "RemovedAt" IS NOT NULL) AS removed, count(*) FILTER (WHERE "SellerSuspendedAt" IS NOT NULL) AS hidden,
       count(*) FILTER (WHERE "CategoryId" IN (SELECT "Id" FROM "Category" WHERE "ParentId" IS NOT NULL)) AS in_subcategory,
       count(*) FILTER (WHERE "Condition" IS NULL) AS no_condition
FROM "Listing" GROUP BY "Status" ORDER BY "Status";

\echo '== listings by base category, prices'
SELECT b."Slug" AS category, count(*) AS listings, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY l."Price") AS median_price, max(l."Price") AS max_price,
       count(*) FILTER (WHERE l."Price" = 0) AS free
FROM "Listing" l JOIN "Category" c ON c."Id" = l."CategoryId" JOIN "Category" b ON b."Id" = coalesce(c."ParentId", c."Id")
GROUP BY b."Slug", b."SortOrder" ORDER BY b."SortOrder";

\echo '== photos, sellers'
SELECT round(100.0 * (SELECT count(DISTINCT "ListingId") FROM "ListingImage") / count(*), 1) AS percent_with_photos,
       (SELECT count(*) FROM "ListingImage") AS photos,
       round((SELECT count(*) FROM "ListingImage")::numeric / nullif((SELECT count(DISTINCT "ListingId") FROM "ListingImage"), 0), 2) AS photos_per_listing_with_any
FROM "Listing";
SELECT count(*) AS sellers, min(n) AS min_listings, percentile_disc(0.5) WITHIN GROUP (ORDER BY n) AS median,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY n) AS p90, percentile_disc(0.99) WITHIN GROUP (ORDER BY n) AS p99, max(n) AS max
FROM (SELECT count(*) AS n FROM "Listing" GROUP BY "SellerId") s;

\echo '== the ten commonest search terms (share of listings, from ANALYZE''s sample of the SearchVector column)'
SELECT e.term, round(100 * e.share::numeric, 1) AS percent_of_listings
FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(term, share)
WHERE s.schemaname = 'public' AND s.tablename = 'Listing' AND s.attname = 'SearchVector' AND e.term IS NOT NULL
ORDER BY e.share DESC LIMIT 10;
SELECT (SELECT count(DISTINCT lexeme) FROM "Listing" TABLESAMPLE BERNOULLI (1) REPEATABLE (1), unnest("SearchVector")) AS distinct_terms_in_1_percent,
       round(avg(length("SearchVector")), 1) AS terms_per_listing, round(avg(length("Title")), 1) AS title_chars,
       round(avg(length("Description")), 1) AS description_chars
FROM "Listing" TABLESAMPLE BERNOULLI (1) REPEATABLE (1);

\echo '== listings matching words of a few ranks (the vocabulary does not depend on the seed: the same words at any size)'
SELECT q.words, q.rank, count(l."Id") AS listings, round(100.0 * count(l."Id") / (SELECT count(*) FROM "Listing"), 3) AS percent
FROM (VALUES ('good', 'content 1'), ('bike', '66'), ('vintage bike', '63 and 66'), ('chatido', '5,000'), ('choumoort', '50,000'),
             ('bike choumoort', '66 and 50,000')) AS q(words, rank)
LEFT JOIN "Listing" l ON l."SearchVector" @@ websearch_to_tsquery('english', q.words)
GROUP BY q.words, q.rank ORDER BY count(l."Id") DESC;

\echo '== conversations: messages per conversation, unread'
SELECT count(*) AS conversations, sum(n) AS messages, round(avg(n), 1) AS mean, min(n) AS min,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY n) AS median, percentile_disc(0.9) WITHIN GROUP (ORDER BY n) AS p90,
       percentile_disc(0.99) WITHIN GROUP (ORDER BY n) AS p99, max(n) AS max
FROM (SELECT count(*) AS n FROM "ConversationMessage" GROUP BY "ConversationId") c;
SELECT count(*) AS participants, count(*) FILTER (WHERE "UnreadCount" > 0) AS with_unread, sum("UnreadCount") AS unread_messages,
       (SELECT count(DISTINCT "BuyerId") FROM "Conversation") AS buyers_writing,
       (SELECT max(n) FROM (SELECT count(*) AS n FROM "ConversationParticipant" GROUP BY "UserId") x) AS most_conversations_of_one_account
FROM "ConversationParticipant";

-- ---- checks --------------------------------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.check(ok boolean, what text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN RAISE EXCEPTION 'check failed: %', what; END IF;
  RETURN 'ok: ' || what;
END $$;
\echo '== checks'
\pset tuples_only on
\pset format unaligned
SELECT pg_temp.check(NOT EXISTS (SELECT FROM "Listing" WHERE "SearchVector" IS NULL),
  'every listing has its SearchVector (IX_Listing_SearchVector_Pending is empty)');
SELECT pg_temp.check(NOT EXISTS (SELECT FROM "Listing" TABLESAMPLE BERNOULLI (1) REPEATABLE (7)
                                 WHERE "SearchVector" IS DISTINCT FROM to_tsvector('english'::regconfig, "Title" || ' ' || "Description")),
  'SearchVector is what the trigger computes (a 1 % sample)');
SELECT pg_temp.check(NOT EXISTS (
    SELECT FROM "Listing" l JOIN "Category" c ON c."Id" = l."CategoryId" JOIN "Category" b ON b."Id" = coalesce(c."ParentId", c."Id")
    WHERE replace(l."Category"::text, '_', '-') <> b."Slug") AND NOT EXISTS (SELECT FROM "Listing" WHERE "CategoryId" IS NULL),
  'each listing''s legacy category is its category''s base category');
SELECT pg_temp.check(NOT EXISTS (
    SELECT FROM "Listing" l JOIN "User" u ON u."Id" = l."SellerId"
    WHERE l."CreatedAt" < u."EmailVerifiedAt" OR l."UpdatedAt" < l."CreatedAt" OR l."RemovedAt" < l."CreatedAt"
       OR (l."RemovedAt" IS NULL) <> (l."RemovedById" IS NULL) OR (l."RemovedAt" IS NULL) <> (l."RemovalReason" IS NULL)
       OR l."SellerSuspendedAt" IS DISTINCT FROM u."SuspendedAt" OR l."MatchPendingSince" IS NOT NULL),
  'listings: listed by verified sellers, removals complete, hidden exactly when the seller is suspended');
SELECT pg_temp.check((SELECT count(*) FROM "Listing" WHERE "RemovedAt" IS NOT NULL)
                     = (SELECT count(*) FROM "AdminAuditLog" WHERE "Action" = 'listing_removed')
                 AND (SELECT count(*) FROM "User" WHERE "SuspendedAt" IS NOT NULL)
                     = (SELECT count(*) FROM "AdminAuditLog" WHERE "Action" = 'user_suspended'),
  'each removal and suspension has its audit row');
SELECT pg_temp.check(NOT EXISTS (
    SELECT FROM "Conversation" c JOIN "Listing" l ON l."Id" = c."ListingId"
    WHERE c."SellerId" <> l."SellerId" OR c."BuyerId" = c."SellerId" OR l."Status" = 'draft' OR c."CreatedAt" < l."CreatedAt"),
  'conversations: about another seller''s listing that was public, opened after it was listed');
SELECT pg_temp.check(NOT EXISTS (
    SELECT FROM "Conversation" c
    JOIN (SELECT m."ConversationId", min(m."CreatedAt") AS first_at, max(m."CreatedAt") AS last_at, min(m."Id") AS first_id,
                 count(*) FILTER (WHERE m."SenderId" NOT IN (x."BuyerId", x."SellerId")) AS strangers
          FROM "ConversationMessage" m JOIN "Conversation" x ON x."Id" = m."ConversationId" GROUP BY m."ConversationId") m
      ON m."ConversationId" = c."Id"
    JOIN "ConversationMessage" f ON f."Id" = m.first_id
    JOIN "Listing" l ON l."Id" = c."ListingId"
    WHERE m.first_at <> c."CreatedAt" OR m.last_at <> c."LastMessageAt" OR f."SenderId" <> c."BuyerId" OR m.strangers > 0
       OR c."LastMessageAt" > coalesce(l."RemovedAt", 'infinity'))
  AND (SELECT count(*) FROM "Conversation") = (SELECT count(DISTINCT "ConversationId") FROM "ConversationMessage"),
  'messages: the buyer writes first, only the two sides write, none after the listing''s removal, LastMessageAt is the last');
SELECT pg_temp.check(NOT EXISTS (
    SELECT FROM "ConversationMessage" a JOIN "ConversationMessage" b ON b."Id" = a."Id" + 1 WHERE b."CreatedAt" < a."CreatedAt"),
  'message ids follow the time they were written');
SELECT pg_temp.check(NOT EXISTS (
    SELECT FROM "Conversation" c
    LEFT JOIN "ConversationParticipant" b ON b."ConversationId" = c."Id" AND b."UserId" = c."BuyerId"
    LEFT JOIN "ConversationParticipant" s ON s."ConversationId" = c."Id" AND s."UserId" = c."SellerId"
    JOIN (SELECT m."ConversationId",
                 count(*) FILTER (WHERE m."SenderId" = c."SellerId" AND m."Id" > coalesce(l.buyer_last, 0)) AS for_buyer,
                 count(*) FILTER (WHERE m."SenderId" = c."BuyerId" AND m."Id" > coalesce(l.seller_last, 0)) AS for_seller
          FROM "ConversationMessage" m JOIN "Conversation" c ON c."Id" = m."ConversationId"
          JOIN (SELECT m."ConversationId", max(m."Id") FILTER (WHERE m."SenderId" = c."BuyerId") AS buyer_last,
                       max(m."Id") FILTER (WHERE m."SenderId" = c."SellerId") AS seller_last
                FROM "ConversationMessage" m JOIN "Conversation" c ON c."Id" = m."ConversationId" GROUP BY m."ConversationId") l
            ON l."ConversationId" = m."ConversationId"
          GROUP BY m."ConversationId") n
      ON n."ConversationId" = c."Id"
    WHERE b."UserId" IS NULL OR s."UserId" IS NULL OR b."LastMessageAt" <> c."LastMessageAt" OR s."LastMessageAt" <> c."LastMessageAt"
       OR b."UnreadCount" NOT IN (0, n.for_buyer) OR s."UnreadCount" NOT IN (0, n.for_seller))
  AND (SELECT count(*) FROM "ConversationParticipant") = 2 * (SELECT count(*) FROM "Conversation"),
  'participants: the two sides, LastMessageAt as the conversation''s, unread 0 or the other side''s messages since their own last');
SELECT pg_temp.check(NOT EXISTS (
    SELECT FROM "Conversation" c JOIN "User" u ON u."Id" IN (c."BuyerId", c."SellerId")
    WHERE u."SuspendedAt" IS NOT NULL OR c."CreatedAt" < u."EmailVerifiedAt"),
  'both sides were verified when the conversation opened, and neither is suspended');
