from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "actor" VARCHAR(80) NOT NULL,
    "action" VARCHAR(60) NOT NULL,
    "target_type" VARCHAR(40) NOT NULL,
    "target_id" VARCHAR(80) NOT NULL,
    "request_id" VARCHAR(64),
    "details" JSON NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_audit_entry_at_c3f19e" ON "audit_entry" ("at");
CREATE INDEX IF NOT EXISTS "idx_audit_entry_target__80ec04" ON "audit_entry" ("target_id");
CREATE TABLE IF NOT EXISTS "court_key" (
    "key_id" VARCHAR(40) NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "secret_enc" TEXT NOT NULL,
    "scopes" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP
) /* A court system's key. The secret is stored encrypted: HMAC verification needs it back. */;
CREATE TABLE IF NOT EXISTS "case" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "case_no" VARCHAR(64) NOT NULL UNIQUE,
    "court" VARCHAR(100) NOT NULL,
    "filed_at" DATE NOT NULL,
    "cause" VARCHAR(200),
    "amount" VARCHAR(40),
    "handler_name" VARCHAR(50),
    "handler_phone_enc" TEXT,
    "status" VARCHAR(30) NOT NULL,
    "last_node" VARCHAR(40),
    "last_node_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "party" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "party_id" VARCHAR(64) NOT NULL,
    "role" VARCHAR(20) NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "id_no_enc" TEXT NOT NULL,
    "id_no_hash" VARCHAR(64) NOT NULL,
    "phone_enc" TEXT,
    "phone_hash" VARCHAR(64),
    "legal_rep" VARCHAR(100),
    "represents" VARCHAR(64),
    "active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "case_id" CHAR(36) NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_party_case_id_1a6f2e" UNIQUE ("case_id", "party_id")
) /* A party (applicant, respondent) or an agent. Identity numbers and phones are stored only */;
CREATE INDEX IF NOT EXISTS "idx_party_id_no_h_6868ce" ON "party" ("id_no_hash");
CREATE INDEX IF NOT EXISTS "idx_party_phone_h_ff80cc" ON "party" ("phone_hash");
-- Hand-written: the audit log is append-only (service/audit/models.py).
CREATE TRIGGER IF NOT EXISTS "audit_entry_no_update" BEFORE UPDATE ON "audit_entry"
BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;
CREATE TRIGGER IF NOT EXISTS "audit_entry_no_delete" BEFORE DELETE ON "audit_entry"
BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXG1z2jgQ/isavlx6kzIpb8l1bm4GKG1pk9Bp6F2nvY4jbAEajOzKclqml/9+kozfX4"
    "pSTIjDl5as9rGkZxdpdyX8o7a0DGQ69a5rYDYgjK5qz8GPGoFLxD9ktB6DGrTtsE0IGJyY"
    "Uh0KPQ0FihOHUagz3jSFpoO4yECOTrHNsEW4lLimKYSWzhUxmYUil+CvLtKYNUNsjihv+P"
    "yFizEx0Hfk+H/aC22KkWnExowN0beUa2xlS1kPz4aEvZS6osOJplumuyShvr1ic4sEAEyY"
    "kM4QQRQyJHpg1BUzEANcz9eflDfYUMUbZQRjoCl0TRaZ8UQLZTVNuxyNtavBWNNqChzpFh"
    "H88qE6koCZGMLTPxqNZvO0cdLsnLVbp6fts5MzrivHm246vfUGE7LlPUpyNnw1vByLAVnc"
    "iJ6BheBWYiCDHkoaI2QfsjT7LziDDC9RNv8eIsG/sYbU/Q9Ja/jcF5nDF9yPPQqoHQ8vBl"
    "fj7sU78fil43w1JU3d8UC0NKR0lZAedZ7EbRE8BPwzHL8G4k/waXQ5kGxaDptR2WOoN/5U"
    "E2OCLrM0Yn3ToBEl0hf7Iq4asarOLJo2bH8OaY5RfUDCrpyg7VgyXFB28dVawu+aiciMzf"
    "mfZycFpv27+77/uvv+6OwkYa7LdUtDNt0m6RUjUuN3jaggwZ1NCO7kE9xJEcwg5RuJR5IC"
    "ywlYBalubUJ1K5/qVh7VWbvwT4nO3Iq3RvNON+OSVwyK+CwdVZrjqDvxvCZxP72509pk4W"
    "jlLxytJM8GYhB7UW6c5DdXo8tskiOQZFCDdQb+AyZ2UsHlthaO2p9Tl8i9AUxcbDJMnLro"
    "9q/a7qMcQVEswPGJPrrofkzaoH8+6iUjF/GAHjeICPWni0i4KQQTqC++QWpoqRarYeXppp"
    "uWjWVSAgmcSXrFjMX81llQ33Ipe4syM6Sg7bgoP9KFlrZAm2VHtS6QAOCsHIaWvzmAI+tg"
    "PEfAQTpFDGAHODzOQgZARKcrm/vSc/D6otsHN4jiKdah9ASCkOEAzIDgoV5L2LXEbn4hi+"
    "NjUFzcQsR2NpD7TeZK2aXz0zb5vwLZvn4FQ6JnJ5uwzbVy6ZZt8X3E+yZp/PuTZnmMvueU"
    "JuKoSnBdlBUPPo6L94sgKT4fXb7y1ZObSIJ43RJ9KLh2iKgE4XHnbmzk3I0C526knZs7qe"
    "BDU6/9xJG7qQHtjbs/tCIQRTfW4k5mjiO3YOY9y0IeupX3JcCGDsoMroW8OLD2NfbmxOHD"
    "h+ELhfMG18VGXWDKiVQjaaHsSfzTuo+cUG4vTc+/o54rp14cogobc69V2cojkMrlBNuvdc"
    "gsUIleH1DBQKmULGCKzYL9M5vkKKZo53yAjBcQLLbCpHtC11HKUQNA9QqdpYTxcGm5JMs3"
    "kY6X0Mw5iApASef0UPU1+uExXuSdg/7wont+9Kx93JAM8wAOMxTlPn0wMofEMBHVVEstSV"
    "z1vLm9iTO38325ncu1zZlCqlWXTHAVWN957YVB5qrVXgLE7kIK3qjZ1BKRqFNWRBz39+Ym"
    "/t7M9/dmyt9N6DAe6BpKC0sMVAX/LvtoOyDsDiWQJPZQBNm3IsihovnozOzaxh3NHEcezL"
    "x3ZlYoaYb+YEPKcNZpUW8NfPn2PTJhztW7dbXyHX/I6uFaPJSut5jbMku+HlkZNd+Axfyi"
    "rx2obHCTQiqDI/40E+uQsGPAHcy2ONWEPQEWBZAAPkTC6mAoZJhrE3c5QdThTQaQyQD/SJ"
    "F/F8Iipuw9cZeinI7+JcHVC3B0ff27SEuur59IBJQ3NnjDHDpzDpXt4rNQmPIeTctaPHVt"
    "J+9Oxuegfi4HL25RfDnUvvep9h3YRSG8j2IqWKDdfv2bWqZS/uTrV5DcxmblxYLqYpLcBZ"
    "+XCrm+/oHcDcg93N4q99wGGzy2VC0jxkCVYHrX9UOPQRHJqDh3HFW9HxNsf+O7U5X8UB3/"
    "Re/2CFT17jiqJN6r5NwmmkFTo8hWKo1HQVVw7h1skpwtntAg0aFKEB1DVY/q7Tu0+OnnTU"
    "a417N4PgJJ/u9Fb7JivglHlRWK+MvIbhfr3mh0Hluse8Pkavzhojfg/p04uvd/3H44BngE"
    "9eHDMcCjM7O8DapWr4xAtlm03F+j/qRGmTpVibObpvalRRGekbdoJQke8nFAomdtRIm73g"
    "+T0tThCRdT+C2om0cdis+dzxh5e0+/e9XvvhjUbu/n5n0XUazPa1mv/vFajgtf+xPq7M39"
    "+8fyup/Gs9Zp66zZaQVv+QkkRS/3+fmLfG4QdRRfShKBVKLelSjbttub1G3b7fzCrWhLBP"
    "O2Ul66Vq8gu6WkpLxHhrKuNOe/vSEC2f3bG+5nz6/Gexpu/wcACC6f"
)
