-- Users and their roles. Passwords are BCrypt hashes; nothing here is a secret in clear text.
CREATE TABLE app_user (
    id              UUID PRIMARY KEY,
    username        VARCHAR(64)  NOT NULL UNIQUE,
    password_hash   VARCHAR(100) NOT NULL,
    enabled         BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE user_role (
    user_id UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    VARCHAR(16) NOT NULL CHECK (role IN ('ADMIN', 'TRADER', 'QUANT', 'VIEWER', 'STRATEGY')),
    PRIMARY KEY (user_id, role)
);

-- Opaque refresh tokens, stored only as SHA-256 hashes. One login starts a family; every refresh rotates
-- within it. Presenting a rotated (used) token again revokes the whole family.
CREATE TABLE refresh_token (
    id          UUID        PRIMARY KEY,
    family_id   UUID        NOT NULL,
    user_id     UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash  BYTEA       NOT NULL UNIQUE,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    rotated_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

-- Consecutive login failures per user name and per source address, with the lock they earned.
CREATE TABLE login_throttle (
    kind          VARCHAR(8)   NOT NULL CHECK (kind IN ('USER', 'SOURCE')),
    subject       VARCHAR(128) NOT NULL,
    failures      INTEGER      NOT NULL,
    last_failure  TIMESTAMPTZ  NOT NULL,
    locked_until  TIMESTAMPTZ,
    PRIMARY KEY (kind, subject)
);

-- Append-only: who did what, when, from where. A trigger refuses every UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_event (
    id          BIGSERIAL    PRIMARY KEY,
    occurred_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    event       VARCHAR(32)  NOT NULL,
    actor       VARCHAR(128) NOT NULL,
    subject     VARCHAR(128),
    source      VARCHAR(64),
    detail      VARCHAR(512)
);
CREATE INDEX audit_event_subject ON audit_event (subject, occurred_at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
