-- CLV Studio benchmark: the SPEC §2 ETL written in DuckDB SQL, default parameters
-- (session gap 30 min, week start Sunday, formula `seed`, lifespan 10 years).
--
-- Run by duckdb-etl.mjs, which replaces the placeholders with SQL string literals:
-- __INPUT__ (the JSON-lines event file) and __OUTDIR_T1__, __OUTDIR_SPECS__,
-- __OUTDIR_FINAL__ (output_t1.txt, output_ltv_specs.txt, output_ltv_final.txt in the
-- output folder). The tables carry the seed's header lines; booleans print as
-- true/false (the seed has True/False), numbers in DuckDB's shortest round-trip form.
--
-- Everything runs inside DuckDB (JSON scan, parsing, windows, aggregation, CSV
-- writing); DuckDB keeps its default settings (threads = cores, memory limit,
-- preserve_insertion_order = true).

-- Floor division / non-negative modulo on integers (`//` and `%` truncate toward zero).
CREATE TEMP MACRO floor_div(a, b) AS (a - ((a % b) + b) % b) // b;
CREATE TEMP MACRO pos_mod(a, b) AS ((a % b) + b) % b;

-- 1. Read and validate the events. The scan runs in parallel; with
--    preserve_insertion_order (DuckDB's default) the table keeps the file's row order,
--    so `rowid` is the input position used to break ties.
--    Lines that are not usable are dropped (malformed JSON, unknown type or verb,
--    missing fields, bad event_time, bad total_amount), as clv-etl rejects them.
--    (Unlike clv-etl, DuckDB's reader lets an unterminated object continue on the
--    next line, so a truncated line can take the following one with it; the
--    benchmark data has no malformed lines.)
CREATE TEMP TABLE ev AS
SELECT cid, is_order, okey, us, cents
FROM (
    SELECT
        CASE WHEN type = 'CUSTOMER' THEN key ELSE customer_id END AS cid,
        type = 'ORDER' AS is_order,
        CASE WHEN type = 'ORDER' THEN key END AS okey,
        -- event_time: YYYY-MM-DD, separator T/t/space/':', HH:MM:SS[.fraction], Z or ±HH:MM.
        -- TIMESTAMPTZ applies the zone offset; epoch_us gives UTC microseconds.
        CASE WHEN event_time LIKE '____-__-_____:__:__%'
                  AND (suffix(event_time, 'Z') OR event_time[-6] IN ('+', '-'))
             THEN epoch_us(TRY_CAST(
                      CASE WHEN event_time[11] IN (':', 't')
                           THEN concat(event_time[1:10], 'T', event_time[12:])
                           ELSE event_time END AS TIMESTAMPTZ))
        END AS us,
        -- total_amount: "<non-negative decimal, at most 2 decimals> USD", held as cents.
        CASE WHEN type = 'ORDER' AND regexp_full_match(total_amount, '[0-9]+(\.[0-9]{1,2})? USD')
             THEN CAST(CAST(substr(total_amount, 1, length(total_amount) - 4) AS DECIMAL(18, 2)) * 100 AS BIGINT)
        END AS cents,
        type, verb, key
    FROM read_json(__INPUT__,
                   format = 'newline_delimited',
                   ignore_errors = true,
                   columns = {type: 'VARCHAR', verb: 'VARCHAR', key: 'VARCHAR',
                              customer_id: 'VARCHAR', event_time: 'VARCHAR',
                              total_amount: 'VARCHAR'})
)
WHERE cid IS NOT NULL AND key IS NOT NULL AND us IS NOT NULL
  AND (   (type = 'CUSTOMER'   AND verb IN ('NEW', 'UPDATE'))
       OR (type = 'SITE_VISIT' AND verb = 'NEW')
       OR (type = 'IMAGE'      AND verb = 'UPLOAD')
       OR (type = 'ORDER'      AND verb IN ('NEW', 'UPDATE') AND cents IS NOT NULL));

-- 2.–5. Per customer in (event_time, input order): visits (gap > 1800 s at whole
--        seconds), weeks (Sunday on or before the first event's UTC date), and the
--        order amounts (an order key's revenue on its earliest event, with the amount
--        of its latest event; ties by input order).
--        The per-customer windows sort by event_time alone: events with equal times
--        get the same visit and week whatever their relative order (the later ones
--        are 0 s after the first), so input order among them cannot change any row.
--        The running count of visit openings uses a RANGE frame, so all events with
--        the same time (peers) get the same count, whichever of them the first
--        window saw first.
--        Input order does matter for the orders, resolved by (time, rowid) below:
--        the key us * 2^40 + rowid orders by time, then by position in the file.
CREATE TEMP TABLE t1 AS
WITH orders AS (
    SELECT arg_min(rowid, us::HUGEINT * 1099511627776 + rowid) AS first_rid,
           arg_max(cents, us::HUGEINT * 1099511627776 + rowid) AS amount_cents
    FROM ev
    WHERE is_order
    GROUP BY okey
),
timed AS (
    SELECT cid, is_order, us,
           floor_div(us, 1000000) AS sec,
           coalesce(orders.amount_cents, 0) AS cents
    FROM ev LEFT JOIN orders ON orders.first_rid = ev.rowid
),
flagged AS (
    SELECT cid, is_order, us, sec, cents,
           CASE WHEN sec - lag(sec) OVER per_customer > 1800 THEN 1 ELSE 0 END AS opens_visit,
           min(floor_div(sec, 86400)) OVER (PARTITION BY cid) AS first_day
    FROM timed
    WINDOW per_customer AS (PARTITION BY cid ORDER BY us)
)
SELECT cid AS customer_id,
       (floor_div(sec, 86400) - (first_day - pos_mod(first_day + 4, 7))) // 7 AS week_id,  -- 1970-01-01 was a Thursday
       sum(opens_visit) OVER (PARTITION BY cid ORDER BY us
                            RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS visit_id,
       is_order,
       cents
FROM flagged;

COPY (SELECT customer_id, week_id, visit_id, is_order AS isOrderType, cents / 100 AS amount
      FROM t1)
TO __OUTDIR_T1__ (HEADER, DELIMITER ',');

-- 8. Weekly table.
CREATE TEMP TABLE weekly AS
SELECT customer_id, week_id,
       count(DISTINCT visit_id) AS visits_per_wk,
       sum(cents) AS cents_per_wk
FROM t1
GROUP BY customer_id, week_id;

COPY (SELECT customer_id, week_id, visits_per_wk,
             cents_per_wk / 100 AS amount_per_wk,
             cents_per_wk / 100 / visits_per_wk AS amount_per_visit
      FROM weekly)
TO __OUTDIR_SPECS__ (HEADER, DELIMITER ',');

-- 9. LTV, formula `seed`: 52 * t * sum(amount_per_wk) / sum(visits_per_wk), t = 10.
COPY (SELECT customer_id,
             52 * 10 * (sum(cents_per_wk) / 100) / sum(visits_per_wk) AS customer_ltv
      FROM weekly
      GROUP BY customer_id
      ORDER BY customer_ltv DESC, customer_id)
TO __OUTDIR_FINAL__ (HEADER, DELIMITER ',');
