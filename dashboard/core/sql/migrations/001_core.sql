-- Core of the app's own store: the audit log every write goes through.
CREATE SEQUENCE audit_log_seq;
CREATE TABLE audit_log (
    id           BIGINT PRIMARY KEY DEFAULT nextval('audit_log_seq'),
    changed_at   TIMESTAMP NOT NULL,
    actor        VARCHAR NOT NULL,      -- user name / e-mail, or 'system'
    action       VARCHAR NOT NULL,      -- create | update | delete | import | restore | …
    entity       VARCHAR NOT NULL,      -- table or concept, e.g. 'project', 'scenario'
    entity_id    VARCHAR NOT NULL,
    before_json  VARCHAR,               -- the record before the change (NULL for create)
    after_json   VARCHAR                -- the record after the change (NULL for delete)
);
