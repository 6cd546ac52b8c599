from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "disclosure_state" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" BIGINT NOT NULL,
    "withdrawal_floor" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ
);
COMMENT ON TABLE "disclosure_state" IS 'The single row (id 1) holding the deployment''s disclosure version.';
        CREATE TABLE IF NOT EXISTS "disclosure_listing" (
    "id" UUID NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "listing_id" VARCHAR(64) NOT NULL UNIQUE,
    "case_no" VARCHAR(64) NOT NULL,
    "court" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "id_no_enc" TEXT NOT NULL,
    "id_no_hash" VARCHAR(64) NOT NULL,
    "id_no_masked" VARCHAR(18) NOT NULL,
    "gender" VARCHAR(4),
    "legal_rep" VARCHAR(100),
    "basis_doc_no" VARCHAR(100) NOT NULL,
    "basis_unit" VARCHAR(100) NOT NULL,
    "obligation" TEXT NOT NULL,
    "performance" VARCHAR(200) NOT NULL,
    "unperformed_amount" DECIMAL(15,2),
    "circumstance" SMALLINT NOT NULL,
    "decided_at" DATE NOT NULL,
    "publish_after" DATE,
    "period_years" SMALLINT,
    "publish_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ,
    "status" VARCHAR(20) NOT NULL,
    "published_at" TIMESTAMPTZ,
    "withdrawn_at" TIMESTAMPTZ,
    "withdraw_reason" VARCHAR(40),
    "withdraw_note" TEXT,
    "expired_at" TIMESTAMPTZ,
    "content_hash" VARCHAR(64) NOT NULL,
    "version" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_disclosure__case_no_6d18c5" ON "disclosure_listing" ("case_no");
CREATE INDEX IF NOT EXISTS "idx_disclosure__name_f9a5fd" ON "disclosure_listing" ("name");
CREATE INDEX IF NOT EXISTS "idx_disclosure__id_no_h_bf6571" ON "disclosure_listing" ("id_no_hash");
CREATE INDEX IF NOT EXISTS "idx_disclosure__publish_b5024c" ON "disclosure_listing" ("publish_at");
CREATE INDEX IF NOT EXISTS "idx_disclosure__expires_7e1976" ON "disclosure_listing" ("expires_at");
CREATE INDEX IF NOT EXISTS "idx_disclosure__status_754f2b" ON "disclosure_listing" ("status");
CREATE INDEX IF NOT EXISTS "idx_disclosure__publish_d23661" ON "disclosure_listing" ("published_at");
CREATE INDEX IF NOT EXISTS "idx_disclosure__name_5a2039" ON "disclosure_listing" ("name", "status");
        CREATE TABLE IF NOT EXISTS "disclosure_history" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "at" TIMESTAMPTZ NOT NULL,
    "action" VARCHAR(20) NOT NULL,
    "actor" VARCHAR(80) NOT NULL,
    "version" BIGINT NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "details" JSONB NOT NULL,
    "listing_id" UUID NOT NULL REFERENCES "disclosure_listing" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "disclosure_history" IS 'One row per change of a listing: created, corrected, published, withdrawn, expired.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "disclosure_state";
        DROP TABLE IF EXISTS "disclosure_history";
        DROP TABLE IF EXISTS "disclosure_listing";"""


MODELS_STATE = (
    "eJztXW1zGjkS/isqvqxz5XU5gG0ud3VV2HE23vhlKyZ3WxunBjEjQOVBYiVNEmrX//0kMe"
    "9vZggDw3i+JCDpGWmebqRWq1v+qzWjFrL5Ud+xsLgkgi1ab8BfLQJnSH5IqT0ELTifB3Wq"
    "QMCRrZtD1c5AfsMRFwyaQlaNoc2RLLIQNxmeC0yJLCWObatCasqGmEyCIofgPx1kCDpBYo"
    "qYrPj8RRZjYqHviHtf54/GGCPbiowZW6pvXW6IxVyXnePJFRHvdFvV4cgwqe3MSNB+vhBT"
    "SnwAJkKVThBBDAqkehDMUW+gBui+r/dSy8EGTZajDGEsNIaOLUJvPDKCspZh3N4NjPvLgW"
    "G0CnBkUqL4lUPlmoCJGsLP/2y3O52z9nHntHfSPTs76R33ZFs93mTV2dNyMAFby0dpzq5+"
    "ubodqAFRKcSlgFXBk8ZAAZcoLYyAfSiS7L+VDAo8Q+n8LxEx/i0XcuR9iEvD4z5PHF7Bbu"
    "SRQ+3g6ubyftC/+U09fsb5n7amqT+4VDVtXbqIlR6cvorKwn8I+N/V4D1QX8Efd7eXmk3K"
    "xYTpHoN2gz9aakzQEdQg9JsBrTCRXrFXJJuGpGoKypKCvZhCliFUDxCTqyRoM5IMJpRt/L"
    "Rm8LthIzIRU/m1d5wj2v/2P16873886B3HxHXr1rR11VOcXjWiYvy6iBoSfLoKwafZBJ8m"
    "CBaQyYVkSVIBlmOwGlLdXYXqbjbV3Syq01bhZ4lOXYo3RvNWF+OSZwyG5FvyojRHUWvx7J"
    "JYTW0+7a4ycXSzJ45unGcLCYiXVm6U5F/v727TSQ5B4kYNNgX4G9iYJ4zLTU0crX+PHaLX"
    "BjBysC0w4Ueq2/+0tm/lKIoiBo5H9MFN//e4DC6u787jlot6wLkUiDL1x48hc1MVjKD5+A"
    "0yy0jU0DbNapusmrVn8RJI4ETTq95YvZ+7C7qgDhMfUOoOya87zNsfmaqV8YhW2x21+kAD"
    "AF9wgWY/cSCRR2AwRYAjkyEBMAdc2lnIAoiYbDGXuvQGvL/pX4CviOExNqHWBIKQxQEWQP"
    "Fw1IrJtcRufmAXJ8dQcHILEJtZQHa7mStllc7etun/C5Dtta+hSfT6eBW2ZatMunVddB1Z"
    "/pIM+ftJsjxA3zNcE1FULbjO2xVf/j7IXy/8TfH13e0vXvP4IhIj3qSqjwKqHSBqQXhUud"
    "srKXc7R7nbSeWWSqr4MIr7fqLI7fiAKqPu++YEYugrfVxLzFHkBsRcsV3Ivku5KgY25CjV"
    "uFbl+Ya116IyJw6fPl29LXDe4DjYOlKYcizV0LZQ96T+6e5iT6iXl85Sv8Oaq18930RVMp"
    "ZaW2QpD0FqtyfYvK9D7wIL0esBamgolbILGGM7Z/1MJzmMyVs595DxHILVUhhXT+jwQntU"
    "H1A/R2cpZjycUYek6SYy8QzaGQdRPiiunEvUkYveP8bztPPy4uqmf33w+uSwrRmWBhwWKM"
    "x98mBkCollI2YUdbXEcfXT5pNVlPkkW5dPMrmeS6ZQUa9LKrgOrG/d9yKgcIr5XnzE9kwK"
    "WWnMGVWWKC/LIo7qe2cVfe9k63snoe825EIaulahiSUCqoN+l3207RO2hgskjm2cIFVzgj"
    "QezRcnZmdurSnmKLIRc+XEXMClGejDHDKB006Lzl3guw8fkQ0zQu9cb+Vv8iGL/ZV4UOou"
    "MU9lunyXZKX4fH0Ws52+c7/JCpEUujE4kE+zsQmJOARSweZUUk3EK0AZgATIIRJxBK5UGZ"
    "atiTMbIcZllQX0ZkB+ZMiLhaDE1r3HYinK6eiB+KEX4GA4/IfalgyHrzQC6ogNWTGFfCqh"
    "ul59Vg3Gskeb0sefnTnPisn47PvP9eBVFMWXxvddJd+3L5cC5n0YU0MH7eb934zahfZPXv"
    "sakttezb2Y412Mk/so36sIuV77htwVyG2it8o9t8GWtC2LuhEjoFowvW3/4ZJBZckUUe4o"
    "qn7JBJtf+Nbykjfe8R/U7iWBRbU7iiqJ9zopt40m0DYYmhdyjYdBdVDuLSySki25oUGqwy"
    "JGdARVP6o3r9Aq9fNrirl3TuV+BJLsfNGvaTbfSKLKMkW8aWS7k/X53d11ZLI+v4rPxp9u"
    "zi+lfseO7r3k9uYY4AX4h5tjgBcnZh0NWsxfGYJs0mlZXaE+46NMnKpE2U1S+44yhCfkA1"
    "pogq/kOCAx0xaiWKz3flKaODyRxQx+8/3mYYWS7y7fGC3Xnov+/UX/7WXraTeR928xN23K"
    "HYbuBdQjShzIxJsc5h3NWH5jg/utnz2l0SmnkmUbAUa/gQNsgdevwJTaliwEQtZaaG7TxU"
    "yaiz9xEHSi8lC5fEgyt/XHH/lAHshw6H4bDgHDHHFACUCybAHmzsjGfHoIvmExtaSsodQO"
    "9H2OZZ06nDEpY0ifPvwLDIdBI2NsU8qGwweCuR6H2wOgY/3VlqxxAcwpJBMkS6AADM3oV3"
    "UexAC0BVJHQ5zOkJiqV4G2tDgsdzzmoawB8IFIehEiS7hUFDkz2siSGqAOoSQHiPndzuAC"
    "cIFtG/CpJAoLcCCVWQsMPDjHx/Csc9R59aNZvWmz70u5mKn9unvW7XVOu/59TH5J3jVMz1"
    "+55IowZUeQc+tVCPQ8w5uagI/LZXgrV18FvMd/zMUEkIZuJLGeJCpkwFfMGbHv9ntFMhOv"
    "sVwbNc0Ju8irWtUeskPty8xW/Oyf8rlB1V+aGI7dxnBoy6xoEEcYVLscxk57lUD4dnYgfD"
    "vh7V/+ugqyHEXVjuYSUkUrkItb72OrJhm37POqJiLpBUUk7W5qaAKS6hOy0QQkbWfxWzI2"
    "g/wRFZqi47haKHlsOumtMpv0sieTXpxsSYeFCl3uHSDqF6+xii5nq3ITfbSrFXEEOeaGHE"
    "rBbUkcV8cpozy+5QsX2qREUQ3Xq3FNRzae+FmHq5p7UVQtuN56iC5iY8pmXsTCyk67KKwW"
    "1G/h/iGHuMSp85h17iJKf0BzL1HEdkne3oqZ6cyCuJwo4feSIzvzEDOO3d4BZvnn9Z322a"
    "l/aqm+5J1T3kvar5MHk0rZrMJXvkVRL/rSNze8xoBjkbZHyeYwAfxBGvdoEkhhETFMLWOB"
    "IEsJzs//icexa/3EK8beBn/hvp4VDj2IIpu/f1a10IOwlHVAH+JrSDmK3EqASSPk9YRcxe"
    "vqdufV3fyZkDvhrRWnFcc2P6QK/5C80EayhqDj2CYkbx8kbTAEebG/YJkCrZ+re/N3UPq0"
    "ESpStuvZ7sAEsA5sb9shuLTm1lnAoshmVqvyrKYSXxARhQ/647gaOn43f9a/P9kr5Tsktp"
    "w20aS3v4jprELZMY2YK3DL7RSri0UXKTNugVtu3bSX98Gz9lP0273uNsZadjpRiNeVsopC"
    "Mn0+z/qOLLOh54h5CcZ0DCBw0yDeAHd6P/Syl9VH3wMTpDoTN9MZWcnE65L62HDucZ6NUb"
    "P0463YFtnZT8UXn2bRqeiiE7+MqpjfJ0DUcHu0eae5pCstszyX39Rk8jrQ21uF3l42vb0E"
    "vc3uc2e7zyoet9Vq6rCQgNhOYfjX+7vbrMgjHxJfeLEpwN/afCuL6lCS98jBtjQT+ZHqdh"
    "d53oqifO9x3FEcW1zVA+Le47zk5Ox8+9zk5OYaspidGbpeIUpw4ZvIQhc77Cexz15GFtWs"
    "Kt1H1kcMm9NWyv7YrTnM2xfDoE1l/h74S9lmbv+Wq2x7IdtOq4XBcHKyisVwcpJtMqi62H"
    "ZjXihTzW1eQ3ZLSeRxDwiLWGQhyPYtst0s/huzvXZ6edTT/wF3ArTZ"
)
