-- Fills come from the connector's fill feed (venue trades, with commissions) instead of order states.

-- Per connection and symbol, the last venue trade id whose fills are recorded: the feed resumes after
-- it, moved in the same transaction as the fills it covers.
CREATE TABLE fill_cursor (
    broker_connection  TEXT NOT NULL,
    symbol             TEXT NOT NULL,
    last_trade_id      BIGINT NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (broker_connection, symbol)
);

-- What the venue charged, as it charged it; fill.fee stays the fee in the quote asset that realized
-- PnL deducts.
ALTER TABLE fill
    ADD COLUMN trade_id          BIGINT,
    ADD COLUMN commission        NUMERIC(38, 18),
    ADD COLUMN commission_asset  TEXT;

-- A feed fill names its order by the venue's order id when the connector does not know the client id.
CREATE INDEX trade_order_venue_order ON trade_order (broker_connection, symbol, venue_order_id);

-- How much of an order's venue-reported filled quantity has arrived as fills. Until a fill arrives its
-- quantity already counts for pre-trade risk (the position lags the order state by the feed's delay).
-- Fills recorded before this migration were derived from the order states, so they cover them.
ALTER TABLE trade_order ADD COLUMN recorded_quantity NUMERIC(38, 18) NOT NULL DEFAULT 0;
-- The feed's trades of those quantities were recorded already (as derived fills): derived_quantity is
-- what is left to pass over when the feed delivers them. A state read covers whole trades, so the
-- feed's trades of an order use it up exactly.
ALTER TABLE trade_order ADD COLUMN derived_quantity NUMERIC(38, 18) NOT NULL DEFAULT 0;
UPDATE trade_order SET recorded_quantity = filled_quantity, derived_quantity = filled_quantity;
CREATE INDEX trade_order_fills_in_flight ON trade_order (account_id, symbol)
    WHERE filled_quantity > recorded_quantity;

-- The feed follows every connection and symbol an order went to (placements add theirs).
INSERT INTO fill_cursor (broker_connection, symbol, last_trade_id, updated_at)
SELECT DISTINCT broker_connection, symbol, -1, now() FROM trade_order;
