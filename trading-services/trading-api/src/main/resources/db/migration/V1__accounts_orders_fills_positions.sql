-- trading-api's schema. Money and quantities are NUMERIC (exact); Java reads them as BigDecimal.

-- An account trades through one BrokerConnection and belongs to a user (TRADER/QUANT) or a strategy.
CREATE TABLE account (
    id                      TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    owner_type              TEXT NOT NULL CHECK (owner_type IN ('USER', 'STRATEGY')),
    owner_id                TEXT NOT NULL,
    broker_connection       TEXT NOT NULL,
    -- Risk limits; NULL means no limit of that kind.
    allowed_symbols         TEXT[],
    max_order_notional      NUMERIC(38, 18),
    max_position_notional   NUMERIC(38, 18),
    price_band_bps          INTEGER CHECK (price_band_bps > 0),
    max_orders_per_second   INTEGER CHECK (max_orders_per_second > 0),
    max_open_orders         INTEGER CHECK (max_open_orders > 0),
    kill_switch             BOOLEAN NOT NULL DEFAULT FALSE,
    kill_switch_reason      TEXT,
    kill_switch_by          TEXT,
    kill_switch_at          TIMESTAMPTZ,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX account_owner ON account (owner_type, owner_id);

CREATE TABLE trade_order (
    id                      UUID PRIMARY KEY,
    account_id              TEXT NOT NULL REFERENCES account (id),
    client_order_id         TEXT NOT NULL,
    -- The id the connector and the venue know the order by (unique per connection; the account's
    -- clientOrderId is only unique per account).
    venue_client_order_id   TEXT NOT NULL UNIQUE,
    broker_connection       TEXT NOT NULL,
    venue_order_id          BIGINT,
    symbol                  TEXT NOT NULL,
    side                    TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
    type                    TEXT NOT NULL CHECK (type IN ('LIMIT', 'MARKET', 'LIMIT_MAKER')),
    time_in_force           TEXT CHECK (time_in_force IN ('GTC', 'IOC', 'FOK')),
    quantity                NUMERIC(38, 18) NOT NULL CHECK (quantity > 0),
    price                   NUMERIC(38, 18) CHECK (price > 0),
    status                  TEXT NOT NULL,
    filled_quantity         NUMERIC(38, 18) NOT NULL DEFAULT 0,
    filled_quote_quantity   NUMERIC(38, 18) NOT NULL DEFAULT 0,
    reject_reason           TEXT,
    reject_message          TEXT,
    placed_by               TEXT NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL,
    CONSTRAINT trade_order_client_order_id UNIQUE (account_id, client_order_id)
);
-- List queries: by account, newest first, optionally by status / symbol / time range.
CREATE INDEX trade_order_account_created ON trade_order (account_id, created_at DESC);
CREATE INDEX trade_order_account_status ON trade_order (account_id, status, created_at DESC);
CREATE INDEX trade_order_account_symbol ON trade_order (account_id, symbol, created_at DESC);
-- The fill poller's and the open-order count's working set.
CREATE INDEX trade_order_open ON trade_order (status)
    WHERE status IN ('PENDING_NEW', 'UNKNOWN', 'NEW', 'PARTIALLY_FILLED');

-- Every state change of an order, append-only: who (a subject, or "venue"), when, why, from -> to.
CREATE TABLE order_event (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id     UUID NOT NULL REFERENCES trade_order (id),
    at           TIMESTAMPTZ NOT NULL,
    actor        TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    reason       TEXT NOT NULL
);
CREATE INDEX order_event_order ON order_event (order_id, id);

CREATE FUNCTION order_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'order_event is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER order_event_append_only BEFORE UPDATE OR DELETE ON order_event
    FOR EACH ROW EXECUTE FUNCTION order_event_is_append_only();

-- A fill id is unique per BrokerConnection. PostgreSQL's unique indexes on a partitioned table must
-- include the partition key, so the exactly-once guard is this small unpartitioned key table.
CREATE TABLE fill_key (
    broker_connection  TEXT NOT NULL,
    venue_fill_id      TEXT NOT NULL,
    PRIMARY KEY (broker_connection, venue_fill_id)
);

-- Fills, range-partitioned by execution time (monthly) with a default partition for anything else.
CREATE TABLE fill (
    broker_connection  TEXT NOT NULL,
    venue_fill_id      TEXT NOT NULL,
    order_id           UUID NOT NULL,
    account_id         TEXT NOT NULL,
    symbol             TEXT NOT NULL,
    side               TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
    quantity           NUMERIC(38, 18) NOT NULL CHECK (quantity > 0),
    price              NUMERIC(38, 18) NOT NULL CHECK (price > 0),
    quote_quantity     NUMERIC(38, 18) NOT NULL,
    fee                NUMERIC(38, 18) NOT NULL DEFAULT 0,
    fee_asset          TEXT,
    realized_pnl       NUMERIC(38, 18) NOT NULL DEFAULT 0,
    executed_at        TIMESTAMPTZ NOT NULL,
    recorded_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (broker_connection, venue_fill_id, executed_at)
) PARTITION BY RANGE (executed_at);
CREATE TABLE fill_default PARTITION OF fill DEFAULT;
DO $$
DECLARE
    month DATE := DATE '2026-01-01';
BEGIN
    WHILE month < DATE '2028-01-01' LOOP
        EXECUTE format('CREATE TABLE fill_%s PARTITION OF fill FOR VALUES FROM (%L) TO (%L)',
                       to_char(month, 'YYYY_MM'), month, month + INTERVAL '1 month');
        month := month + INTERVAL '1 month';
    END LOOP;
END;
$$;
CREATE INDEX fill_account_executed ON fill (account_id, executed_at DESC);
CREATE INDEX fill_order ON fill (order_id);

CREATE TABLE position (
    account_id      TEXT NOT NULL REFERENCES account (id),
    symbol          TEXT NOT NULL,
    -- Signed: positive long, negative short.
    quantity        NUMERIC(38, 18) NOT NULL DEFAULT 0,
    average_price   NUMERIC(38, 18) NOT NULL DEFAULT 0,
    -- Realized PnL in the quote asset, fees already deducted.
    realized_pnl    NUMERIC(38, 18) NOT NULL DEFAULT 0,
    fees            NUMERIC(38, 18) NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, symbol)
);

-- Net asset flows from fills since the account opened (deposits are not tracked here).
CREATE TABLE balance (
    account_id  TEXT NOT NULL REFERENCES account (id),
    asset       TEXT NOT NULL,
    amount      NUMERIC(38, 18) NOT NULL DEFAULT 0,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, asset)
);

-- Realized PnL (fees deducted), fees, traded notional and fill count per account, symbol and UTC day.
CREATE VIEW daily_pnl AS
SELECT account_id,
       symbol,
       (executed_at AT TIME ZONE 'UTC')::date AS day,
       sum(realized_pnl)                      AS realized_pnl,
       sum(fee)                               AS fees,
       sum(quote_quantity)                    AS traded_notional,
       count(*)                               AS fills
FROM fill
GROUP BY account_id, symbol, (executed_at AT TIME ZONE 'UTC')::date;
