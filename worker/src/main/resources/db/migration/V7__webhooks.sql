-- Webhooks: endpoints registered through the API (or given with an upload as its callback), and every delivery
-- attempt, for the API's delivery log.

CREATE TABLE webhook_endpoints (
    id          uuid        PRIMARY KEY,
    url         text        NOT NULL,
    events      text[]      NOT NULL,         -- event types (document.ready, ...), as document_events.type
    secret      text        NOT NULL,         -- whsec_ and base64, as Standard Webhooks sign with it
    -- An upload's callback: only this document's events, and gone with the document.
    document_id uuid        REFERENCES documents (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    endpoint_id  uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id     bigint      NOT NULL,
    event_type   text        NOT NULL,
    attempt      integer     NOT NULL,        -- Temporal's attempt of the delivery activity, from 1
    status_code  integer,                     -- the receiver's HTTP status; null when none answered
    error        text,                        -- why the attempt failed; null when delivered
    delivered    boolean     NOT NULL,
    duration_ms  integer     NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (endpoint_id, event_id, attempt)
);
CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (endpoint_id, attempted_at DESC);
