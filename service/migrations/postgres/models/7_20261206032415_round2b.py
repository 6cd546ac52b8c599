from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "disclosure_public_record" (
    "id" UUID NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "list" VARCHAR(20) NOT NULL,
    "record_id" VARCHAR(64) NOT NULL,
    "case_no" VARCHAR(64) NOT NULL,
    "court" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "id_no_enc" TEXT NOT NULL,
    "id_no_hash" VARCHAR(64) NOT NULL,
    "id_no_masked" VARCHAR(18) NOT NULL,
    "legal_rep" VARCHAR(100),
    "filed_at" DATE,
    "decided_at" DATE NOT NULL,
    "target_amount" DECIMAL(15,2),
    "unperformed_amount" DECIMAL(15,2),
    "status" VARCHAR(20) NOT NULL,
    "published_at" TIMESTAMPTZ NOT NULL,
    "withdrawn_at" TIMESTAMPTZ,
    "withdraw_reason" VARCHAR(40),
    "withdraw_note" TEXT,
    "content_hash" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_disclosure__list_418482" UNIQUE ("list", "record_id")
);
CREATE INDEX IF NOT EXISTS "idx_disclosure__case_no_91c049" ON "disclosure_public_record" ("case_no");
CREATE INDEX IF NOT EXISTS "idx_disclosure__id_no_h_4f167b" ON "disclosure_public_record" ("id_no_hash");
CREATE INDEX IF NOT EXISTS "idx_disclosure__status_b69a08" ON "disclosure_public_record" ("status");
CREATE INDEX IF NOT EXISTS "idx_disclosure__list_aff59b" ON "disclosure_public_record" ("list", "name", "status");
COMMENT ON TABLE "disclosure_public_record" IS 'A record of the public lists beyond 失信 (contract §9.6): 终本案件 (``list = terminated``)';
        CREATE TABLE IF NOT EXISTS "request_attachment" (
    "id" UUID NOT NULL PRIMARY KEY,
    "request_type" VARCHAR(20) NOT NULL,
    "request_id" UUID NOT NULL,
    "storage_id" VARCHAR(64) NOT NULL UNIQUE,
    "filename" VARCHAR(120) NOT NULL,
    "content_type" VARCHAR(40) NOT NULL,
    "size" INT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "uploaded_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_request_att_request_146b79" ON "request_attachment" ("request_type", "request_id");
        CREATE TABLE IF NOT EXISTS "request_change" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "request_type" VARCHAR(20) NOT NULL,
    "request_id" UUID NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "note" VARCHAR(1000),
    "actor" VARCHAR(64) NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_request_cha_request_2b193c" ON "request_change" ("request_type", "request_id");
        CREATE TABLE IF NOT EXISTS "listing_request" (
    "id" UUID NOT NULL PRIMARY KEY,
    "receipt_no" VARCHAR(24) NOT NULL UNIQUE,
    "form_key" VARCHAR(64) NOT NULL,
    "channel" VARCHAR(4) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "ground" VARCHAR(20),
    "grounds" TEXT NOT NULL,
    "listing_ids" JSONB NOT NULL,
    "review_due" DATE NOT NULL,
    "case_id" UUID NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    "filed_by_id" UUID NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE,
    "party_id" UUID NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_listing_req_filed_b_f61f3f" UNIQUE ("filed_by_id", "form_key")
);
CREATE INDEX IF NOT EXISTS "idx_listing_req_status_399d80" ON "listing_request" ("status", "received_at");
        CREATE TABLE IF NOT EXISTS "property_lead" (
    "id" UUID NOT NULL PRIMARY KEY,
    "receipt_no" VARCHAR(24) NOT NULL UNIQUE,
    "form_key" VARCHAR(64) NOT NULL,
    "channel" VARCHAR(4) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "description" TEXT NOT NULL,
    "case_id" UUID NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    "filed_by_id" UUID NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE,
    "party_id" UUID NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_property_le_filed_b_d81c25" UNIQUE ("filed_by_id", "form_key")
);
CREATE INDEX IF NOT EXISTS "idx_property_le_status_b44144" ON "property_lead" ("status", "received_at");
        CREATE TABLE IF NOT EXISTS "resumption_request" (
    "id" UUID NOT NULL PRIMARY KEY,
    "receipt_no" VARCHAR(24) NOT NULL UNIQUE,
    "form_key" VARCHAR(64) NOT NULL,
    "channel" VARCHAR(4) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "reason" TEXT NOT NULL,
    "case_id" UUID NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    "filed_by_id" UUID NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE,
    "party_id" UUID NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_resumption__filed_b_c791de" UNIQUE ("filed_by_id", "form_key")
);
CREATE INDEX IF NOT EXISTS "idx_resumption__status_aca2af" ON "resumption_request" ("status", "received_at");
        ALTER TABLE "party_preference" ADD "large_text" BOOL NOT NULL DEFAULT False;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "party_preference" DROP COLUMN "large_text";
        DROP TABLE IF EXISTS "property_lead";
        DROP TABLE IF EXISTS "request_attachment";
        DROP TABLE IF EXISTS "listing_request";
        DROP TABLE IF EXISTS "resumption_request";
        DROP TABLE IF EXISTS "disclosure_public_record";
        DROP TABLE IF EXISTS "request_change";"""


MODELS_STATE = (
    "eJztXWtX47a6/itafBk4K6UQCDDT3b0WTGmHXQbmAD3daw9djmIriTeOlco2DGef/vcjyZ"
    "f4HiuxHUfoSzvYemXnkSy910f/2ZlhA1nO/rlnmO6l7ZLXnQ/gPzs2nCH6j5y7PbAD5/PF"
    "PXbBhSOLN4esnYaihiPHJVB36a0xtBxELxnI0Yk5d01s06u2Z1nsItZpQ9OeLC55tvmnhz"
    "QXT5A7RYTe+PoHvWzaBvqGnPDP+ZM2NpFlJN7ZNNiz+XXNfZ3zaxfm5Mp2f+Zt2QNHmo4t"
    "b2Yv2s9f3Sm2IwHTdtnVCbIRgS5iT3CJx34Be8Hg94Y/yn/ZRRP/LWMyBhpDz3Jjv3ikLa"
    "7taNrN7YN2f/mgaTsCGOnYZvjSV3U4ABP2Ct+97/ePjk77B0cnZ4Pj09PB2cEZbcvfN3vr"
    "9C//ZRZo+V1xzK5+ubp5YC+E6SD6A8wu/MVloAt9KT4YC/Shm0X/J4qga85QPv6+RAp/Ix"
    "DZD/+RHo0Q+7LhCC9sZjxKoH24+nx5/3D++QvrfuY4f1ocpvOHS3anz6++pq7unuwlxyLq"
    "BPx+9fAJsD/Bv25vLjma2HEnhD9x0e7hXzvsnaDnYs3GLxo04kCGl8NLtGlsVHUXk+zAfp"
    "xCUjCooUBqXClA9YzkYkFp49OawW+aheyJO6V/nh2UDO3/nN99/HR+t3t2kBqum+BOn9/6"
    "Kw0veyMxfAMJCQE+qQLwSTHAJxmAXUjoRuKDJIBySkxCqI+rQH1cDPVxEdR5u/BSoHO34t"
    "pgbnUzbnjFIIj+SkcU5qTUSjgHIHZzNp8cV1k4josXjuM0zgZyoelruUmQ/3F/e5MPckwk"
    "rdSYugv+D1imk1Eu61o4dv429my+N4CRZ1quaTv77LF/32lfy2EQJRScEOjdz+f/TI/Bx+"
    "vbi7Tmwjq4oAPCVP3xU0zdZBdGUH96gcTQMndwHxe1zd6a9WfpK9CGEw4v+8Xs9wVW0Efs"
    "EfdXlGshRfd6ZfaRzlppT6iadbRzDrgAcF4dF83eOYBK7oOHKQIO0glygekAh+pZyADI1s"
    "nrnM6lD+DT5/OP4BkRc2zqkM8EGyHDAaYLGA77O6lxbfAxa1hx9B0EF7eFRD0byGaNuUZ2"
    "6WKzjf9fAOywvYQq0eFBFbRpq0K4+b3kPuJ/SRr9frIoP6BvBa6JpJQUWJdZxZf/fCjfLy"
    "Kj+Pr25peweXoTSQGvY/YMgam9kJAC8OTk7lea3P2Syd3PTm46SRkemrjvJynZjg+oM9N9"
    "25xABD3jp5WGOSlZwzB3zArZ9lHuioINHZSrXLPr5Yp12KIzEYfffrv6SSDe4Hmmsc9kmt"
    "FUY2YhfxL7z/EmbEK+vRz58zs+c/lPL1dR2RjTWSuylcdEpLMJ6vd1cCtQCN5QQEJFqREr"
    "YGxaJftnPshxmbKdcwsRLwGYbYXp6Qk9R8hGjQTkc3Q2osbDGfbsvLmJdHMGrYJAVCSUnp"
    "y+1H4gvX2Il83Oy49Xn8+vdw8HvT5HmCpwpovi2GcDI1NoGxYimqirJS0n32weVJnMg+K5"
    "PCjEek6RQqJel1xhGVBv3ffiQtcT871EEu2pFPSmNieYaaJOUxpxcr4fVZnvR8Xz/Sgz3y"
    "3ouFTRNYQWloSQDPO76dB2BNgKLpC0rHKCdM0Jojyab26Yvbmx4jAnJdUwd26YBVyai/mA"
    "nhH7+Zm5cBHI/fzrHbJgQeZd4Ky8ZH1s74AvrgY7TOKDGdGXo52sCdGF34usIM0hcc28mK"
    "MIRl9oJ6+yImRjN0obWROnm1hXssJFzMnUdTSKCl3hLGRM0Gz9deo82Zus2OHRv5Fewzy7"
    "DfuRFahgkhE0Y29J1oTrjvd2F3QmK2Ysk5N2ogV5tWtidu33dud3Jitmc4LniO5t1FCHxr"
    "qbZNDXNe1KVryoHuzNeNc1TbO7qEMJZ1qT6Qm+Zp+TnxCp/MUJCihqsjTr99ZGAOo6Ymm2"
    "gHmMABfeB8PhbpRA3PMvaqaxNxyyBF13ioBpoNkcu8jWX1kO7w9UgiLksnZT6EyHw50UuE"
    "0+69HedaawPzgBeMwlbExmkK6Y9EksLk/RnY0Q6fmP1el/esCkwwltF0CbtbGxTRU7C7CM"
    "gD3gIstyAHy0p5DMLOQ4gKA5gi7YHQ4Nb24xHRANh3tgTPAMQKBPoT1hKcvs3YHHtiF61W"
    "OPNw0m5P8o+tJjKutSyaKU5a/JvO0QjJ0/UvkhX6M0FKzrHiG+e+APlTay2bSR+NgJZTaE"
    "QhJmN9SfPBJ9FQIox2UUyJUydBYrrNh0TsopsCuALRpOWyuS1m1w6w+lxXfIDMblrveUqP"
    "K9d873niigpPtydoRLqieD9qp0MjHCq5ZOJi1JHZnPKybwJ0TVN9fpb46nPYtZFzGROk2M"
    "7g7qEosiEz5MopuF9mdMkDmxf0WvHOArbsnqeQpBqqhhOyHNeF7oZQJfIis3PqHob6e/GP"
    "n5kR/P7z+e/3S581eVeKyKE23U4RXGaXNcXrEQbrHTaxRrVKHY/XdElWuXuWgI2L09B3iO"
    "bNNgzqDvMQF05fQv7IER9mwDuBhgGwEWbX1lPib2B5t1eQXudXatCoU6sD73Sjw+GGr+cI"
    "pYbwmhhpIhZSoWms1XADkhpEBe7u9RaYhvQV9XhdVvYZSVVVbDrp/MssunCCrGMy6jAC03"
    "c+dhAuKadq5siYy9lKEbn1P5lm56EVDOgwadB03aw/5UzrGGozlebAtHn1MVS9g3PHdpby"
    "ytwXZ7gH62c0wHzXb3ALVYoQ3oK7JEjSt2zaSt/XQKh+dO8MpF+k+CQuI2bFuvOXZxMw96"
    "tCOeOJZo8V+shpJlZjAJyOnl6A0Wi6Si/L6fMbIHxvSJFsZP33lz5weeNMKSUxyHp4fwrq"
    "n8ow1jXZQkbQTfSPSBpvM1lJm+UTO9eAMvNiBLNnAZ4qz1W5AEW0JB7LC9hOD2q1EmlDAm"
    "pMF9or9LBNywvQK3AriKkbJZLhrToJaqKDVCQkgKpNvmRPARFE3gSkrJR5Be/8a3EvOHYv"
    "xYc3b7AIrO7qSUigssndwWmkBLI2gugnJCSIbJ3cIm6ZufGjM/hWd1nqx8sDdgsqA5NSLz"
    "C1zLjraISymcl+PMjhB6zlGxLzC1AaFdNKlDoRTEIyrVlPoXLt3tbpAXt7fXiQ3y4iq9A/"
    "72+eKSrikpCrjwkDQVx31jET5FJ/MmhlkFclV67RZHyBSbj+KqaZ2rRpvBvGo6RVijyH5q"
    "xG5B9qNx2vT1QJOe8kdxI63I81PH7HobbD+KIWldhqQ65tpb4ElSvFJr80rVMdWkZpdSvF"
    "xdLFP8QtAYEcTcAXm5mYu7vaUJmto82VqsavGdA2bIcehbgkU/Dthl9CusG/DoHRzA0+P9"
    "o71ekMJomU8IDIcYfvibXxn19+FwSQFjXU95tB9teo1laWrYc4dDzq7gLPi4fKIvXjNpYM"
    "RuuOAF2u4PgIcSrVfgmBObW7S2y8UcQC9ggoDpPtq7LN3zT89ELphijzh7++C/F3/xnFEL"
    "M36v3XPHhN/fM76uKTT3AHNxOj8Ax6UjAn78ESDazwxBm72BvXYNJvs9onRQcRnpDhKr63"
    "D6koLMcI5lMS8mAkkIdYMNhD1PGjYQ/mVq/CMT+RRSYvIFWgcVvoZB8VFE6SirjxcSSxRN"
    "CCmIl0BsQTKhewH6ljORS4PZScEWA9rRla2NaKtQ5yoDsBWhzkxsbjPFVj8hy3xG5PXcdR"
    "E1i/JU+3STUv3eCBrTibdovVS/v2QidDV9pTovfGalToBJoA/ghZi0Ixu8mO6U6rsOoKqK"
    "jmcIvEzpVaY5MykHua7FtFnI/3yZYj8smVDvm3jIo/2CyRNT3U3GeOtEXUGHWgIE6Zg+FB"
    "lU6x+98o6IxzqkNkZwz9f+CX5pgvTkwpxc2YU55jkLg5kNWgRbXHe17Al7he/e9/tHR6f9"
    "g6OTs8Hx6eng7OCsx5Ix6b3srdOy1fvqF7YOJ9aCcGEu1r39ar3sCBTCvxBYPgRbsBoHo9"
    "A/PD49Pjs6OY7Aj66UYZ6TykXNVBtZItpcTESKkolU3u1JlbTb9CYWy7o9Setz3LhYSbdI"
    "SirdonO6RfIwbNt0piuNc0pU8Z50eZwDlUVkxYyJtHgObLB6NOXgabpgEhGCCS83EIE6KS"
    "Wfr6F+6moDudAUUgAWEvLh28hJ9PGcO8FM2xxRlXFbnnFrp9IS18y8lTTLsZfKwM2ZaF3i"
    "qvkMbQ9a94g8m/lx0WSDXpnrJPFTZ1xOc2KCy6OkNj+AhztgWKcg3iNgXSGD+SEw8y0Esb"
    "5dNonZkUBgjoiD7R549PoH/ZM91pCfz5INkzbymEc248fjD8B0gW5hJ4iLJvo2fWfMozcY"
    "nw0evWM0gvTfBqL/fn9wcPjonY1HiMer9gE7c4k+K9GB8rFss49lRscLixGhRhISegTqV2"
    "39T1fL256YoVjgDIgLlZmIWwh4CcDM5suqU4In2biSWgODStrqoERbHeQVibs4x8NaVhke"
    "CEj48deVTZI4tgQTY9VjS+KiyiHYaUdRd62+jeo4Ndp8IqZIVfuQqrMPmP6nJeuwC0PRkG"
    "24nr03v/dG8R+VNfiSLXplFt9srjnpxsutvPAgWbpaBNIj9F2Yq0o//SkmpuMXUn7gZ2pE"
    "R8/SP75jKzBIPzVp39X8gEcbWhZ+cXjTsJtdFh2f0cGlDx0O2bm2N/T2cAh+BBa2J9+5iM"
    "xKjopdnG/AsgwsOrPXph59K1bcmjHasvxT4dNA1julomtaQtNUMvGpLoBySkxBXYkdKVib"
    "BNaJhMxKWR2rGHUHnV4tVCrjG7AuOpLKmNB5czSztE5czRNfSSkrHupc7YWfyM3RD+nqw+"
    "Sl7GH3VNN3Pf56NvrmhmmV/Mj7HljQr8cYrP4QUnsU43rtjOsEPZvYc0RPTUmKrYF7x3yD"
    "66CsMgLbzQgMlpqqCC8kWkwgCpa6phYFRWfPivzZl+hsK8StW6IdW3Gbto6eITHZL89ZK4"
    "orTRNC3ag0lerc+UAzzBmTQos1LtJeGcK2WKwWdFxttXTPHFH51pX6cz7TFk4G8XJHQY64"
    "8hZ0zluQzDjhpJaaZ7t5ub5LylDSwqpAoctj/YKoPeZqM2cimkaXlmzItyprRp0iSH9jXx"
    "o7n2GVsr6FmFpJuzy+Qe71Sh9yWlaNdJdHWgXN3sQwq6MOag0V8PCaIJ5xGQVo+ry5wjOE"
    "S8JZxWcIv01AS0oDo3jwmjWBl89ysc73Ugmf8Y80P9MzvarWAOpbP+IksxDUgOmXsB9JQY"
    "0vfqsfHBO6Mi2ck4Ymwnmcw+AlCfBijMexlKBMeW0+umHa/XKMM4W+W2k15QMskIR1C3/G"
    "LNubpzplUrBid3tlCVgYauN4w6VJ8b9PeXoVgDa4PffJlP0O/CpiqOvYs90eGBM8A8NhlN"
    "Y+HH4/HHp27G/ANxknyw5d/yMYNfQNZuRvQZX0445NbxEwRXTqPdKHhmx67Ak2HQ8zqIq+"
    "Pe8Bxvvs81W/c8Dx0cHBMQPHcgCb/OtWOm8+l7tD1M11BdCLU8aCiZSzDpURq8akWmRV3Y"
    "xyrUhVlVNlazKR/WX5DunIzKdUTTYo3QqD4BeJtV26Gw6HD5efv1zTUbi/vPnpH7cXP1/d"
    "XN1/ojsPdADv6RkZP4AnNHeBgwEEQe8+MymjJXXhU7DV+Pym75zMftjEQx7pYNps86T7I+"
    "3I/94YrarjmpYFKEoW41ndXcgAC+Mnh+6YhG7BY5de8KuR6UvynnnQsLCQrOp2uELQUiBa"
    "uSWFYxum/9i8StKp7Jv6s/q2I/23PYCrpDedFKc3neRRLPBFcTWKhbioUj2U6lHA5246jD"
    "3LI+jehVwDzvK5p5qUqh9G1JidRuJWZCJ7oDuvQ0fb4tTmYNc0wOEemGIr2pcNNLfwKzsl"
    "lVqvi4cARokeMnUl1I31u/RPYgr+otoFMRnJGLaZOU5N7Lk3skxn2uMs8AaBL5DOUvRtbt"
    "J7zNamWgXxz99k1eqLRtqYqiBkOHy0TV+ZCZ4A8Jj/yUpvHRewYpQJCrnfZ5iRpGECoOWy"
    "aDzVkBhZFfsp0CIIGsH76D2uOz3aFF6EAur42KG1BnNHUAyo3hM+dgZfA3XJmVKgTDdzZt"
    "XR/tHaGpGqoG+ggj4YQjFFMyYkTQ53y3lx6Y9ZbADypNVIrDYSHfLNdNNBr/Sj9fSj4Gzj"
    "PL0ovFVVH7Ji7WstEM/UgPMX7UX21h/si1n83uh2oMFEHwFjxKH/ozoMK+ZjdD1h74td/F"
    "v4MzQWadDCrsIPZ4fL09/G/gC/f7q8uwT+W4CrG7D7ztHp4zyqirzrgXfR89/t+QFOVYS+"
    "uSJ0rj0KMsUkhKQL4xz1Kxj0R/1Cg57dSlWIBZ+OGMpJKelgrt8xxVNUbCyCcUykKdeUVA"
    "iHRN+V8Q0FJHT8HVZirz0sYa89zLLXdr/qvzV866/3D7WWquBGCpN0S0Mjc9c06FKqIVvP"
    "YvxAlcMixS0mJMUsLrPALv/5kDC+MgX9kQF2fXvzS9g8XeWfB/sUOlORuZ2Ukm+G17/5+Y"
    "jNoPOEhJbotJwUkzy1nJxVWU3OiheTszTYFA4j76DMYpgXEhJSKFRhUCgmUMjYI2gCLY2g"
    "uZA5EheSD+JGdsQRdExHo68iaJak5WRcMprDm/5gISMlKaWwroY1HlnmpICFvljdS0pJgX"
    "Xb+t4ckTEms7ByprLTLikmBfQtHH7o2QFwzF0+Y6n7OREnpJszaBUEnHI7SAee/B72g562"
    "bzMtAf6ny49Xn8+vdw8HvX4q6TrO/pTyNJlE92aL+rAk4PcUI6sw0JqWlenk9KP+6UkUWW"
    "V/lMVS7yns19ngKZtsZSf45KOalHrTJ3iNTUsYvrjMmuBt0aefxQ5OhL/nQKQ1qvzt+IqD"
    "KKrGs9lFZmJG8C1PR7o3m9jQXhEkOSnN5fMyLasmaP4EFc7RSUq2k8TckTPEtiJHJ0Giwj"
    "JfkbPCKCclW8nEUoO8IlNcB0s+NhdaqD8wmc7IWmGxbDelUX1IK5KbBjnA9goDnZZVuavb"
    "MNIaQdDJ85EWr505ovLFW+pnBY9gyz9gu9gnnRGUAe22vdK+NrfKBpaUVKtal1c1zlDFjt"
    "Flh1ChF21CsCeWsFbcgwxfXdNrXBq9lYh9c3pQX902fXWGl7O/lXnuc8Ubd/t1xEjI8fqx"
    "QldGESmaNJeWkzCI2sApUFtTrdq8X1Ud5NCVAZFpf+hQNawa5o2Vwy7mw9R0XExyCHhFyG"
    "CDMtdPi762c+jX5IJdrW44RK24fDiGa6Uq4tiYLudVubV99pM5IiGhCB4DCIKSwg8gWN57"
    "IVsJ+2fkSF5Qm9gBswkyskQrDT2jZq6RMh1DMrqRDfOuiW8+atPp6KaTyNfR81N8i42khY"
    "SE5lH9sT8KVx6TTCm+ueQxMsB7VgXes2J4zzLwKutzY9ZnF7MGpFo6DORC0xI6XTsmos7W"
    "Lg+CrXC2dhnRRzF3TSnRhzoEKaVnxuiUkgALny4TI3LaTmCXni+TnFmiJ8w0aSd/4RRCd5"
    "yDeyfHSk7c71W0kQNeIrKQWmopnwc84CELp98FXwUdMEKv2DbAozd4f3T46B2P0WGGJPP9"
    "/sneB/rvU6SfPXonp32d/vfsmP77GI1PwO5wyPoCPwIXkZlpszk2HO5lrOkNvcejDXnH70"
    "8GB7T7/tEJlTLOqNSZcfQ+JkU/T/quui/1A3hh/KII6lNOHuow6nXTjpGpfs9ffH/+ytlU"
    "rwxku6b7SifBbERVK8b8PsYkdBU4HwCydfI65y6CJ/SKDMAiLD3gF83vgwgd+pwAGXZ8yq"
    "NtUnS4n4GTcLEDvhd+Bfb2vkIxHH5YeB7or+0fvu8v2tGfA2NS/pPe0QfRmcvwcV7YKx8f"
    "HnB6VxsDB0FCfzn9ASNMP4QQArfIf/F1J9xU/b7Z5/hHhrwtbJMmcVMEaY3vNr0St4YiSG"
    "uJIE0E37C9shIqWAmLRUcA4YSQhDAr9rktRFixzyn2ue1dh7vGPifb5FX0c4p+TuLdT9HP"
    "tUg/pxjSWlq0FZXG6lnMisdlTQBdSCbIXY3WKSOrGJ3iy0C2dEURaW0E9i4G4VXpfmOl+1"
    "u0IG9dKpwq3n9rI62K91Xxfte+pSZ8OKoess0whirKewt7iCrKk3aYBYrymsyhu+dnPe/k"
    "ZM8Fd3pleXPMh+Ys2jV5MmVhCpP/fMHUhISQdMk1de03xRlN3Y9D7uy0AnUjDm0L6wWHIp"
    "QEDmIy0qHcCCs/wS/CdL2hjEwVPXXw9FKEhLEMZRSWSSzZPivy5YftJTScqsRki0OymYjs"
    "3HOmmkcsEXTjMjK4BZIADyotrIOShXWQs7CiMVWOp5qD6LONnHWheHnNSsq0OvQPj0+Pz4"
    "5OjqMlIrpStk5klwgLsaxPcXwzcgrdHHRd/ERtA1E/VlJKwsW4fi+WD5lgtl1CSAqY2/bU"
    "bk85+0GzK0bbTGpb5yFvybyrf2UZWxgTutEhwVmelFMTfbWJ7qO40jKTEVVjsNoYQP0JGa"
    "uNQUZUjcE6Y7ACqVVMTiV5dC1ykzDEoOPy7WKFUU7LqpHu8kiriPubGGYVcZd2mDsScT/X"
    "n+hbWciYoBnirDuZ0Hu6Sa8sBk/MydR1NJgjU2s8/isvNeeDAYn7mmEfURwjG+UYIUhH9F"
    "0E2QOSUtIlQvSrOBb6xY6FfvWDCIoxLjakttNdmUqAqELkclhM5HKYIXIJ3V3OFPYHJ6s4"
    "yhaSEgJev7MstnWsaK2mxZX20zntJ/GFTaFtI6EweExEwm+qyidV/EVls7Mtky1DdETooA"
    "nVzWUlJUS7/hXMcxDRqLqdVw9aDHZSSkKgjypldxyVZHccZbM7FNd4o0VMjPnenmjcxhLk"
    "AM4RVUTAeQxrYrDGRBSc6Yy6Faapmp/ViapDl0sSW2GW6o9BN9sJ6VKK6tgXms9PnZmyNW"
    "D6JexHUlDjn+lyVON7jwJ3Kbg5W3WXmNVvR/9GevDbM97pxc1emV8aJ5o1WRr2NUY3wh2a"
    "z74jQtFeK5f0G3BJ+6efC53gEhPpxgku7HnSnOBCEAUjj4y8OKk5JiKFldx2SvOY7i05X0"
    "Ax4JGAgntFrg8K4EoezqyoFEPQQsHqnKKERMslEkJSIN36ZFfRkkajJV1kF8zRWkLLoikt"
    "pYUjPCLLKIN1eYQ3Jaqiu52O7o5Ni/kWDC/Hc1hKiByTetOUvoz/lWXsiEKYlnvTIKpE2j"
    "ex2Kh4Wq3xNJ+WfiQaUkuJKVhVmFKFKTsX9FFhyo2HKcOFUgG7FNjUniIanoyFhl0X6lNW"
    "lJJj5F8Ewj//eoesIgK7dODxPOpRIvwzPqcJqguvj7w3mbBqJfgdm2ZlYfDkbKwQENdgUm"
    "IjtKkqBN5GCNxxqVk2ybeQyvybcSnpQuAN0L3QvUqUkjYuI6GT/rCSB/mwxIV8mPUhhwVW"
    "HCgBrNNyEuJdfya4Y/5vDsiFrC1hc0Xpl8PEIl5LqGoIxSpw5haGZQcJlvl7E6LK4dtph+"
    "9CixXTINNyyqVW7lJLpM+u6apIZOxuJ7hL3RXp+dXJdOrAEC+zJhe2ehVLUl+07owVWaih"
    "5H74OfpJMLzdtWZqUU7KjMZtSIhpMZeu7lSYFTgOlGrSfdUk/9i/kkNpJDrtrwVaf1X43a"
    "gFRZCOyWoWVEpULVOdXqaUBaUsKGVB9YQsqDtOcnjNqtJyjKfY3V4FqsSwuG0zJlMXGOQ6"
    "FAyqiz+u2JxyTdcS0gsjAQn1lkbOKzRdNBOqP40EVPVpQmupo/pU0Se2rLg7CBkoR5O7wN"
    "hC0C7w2ERCKYxHVKopkKMr7U7zi9vb68Q0v7hKl9399vniki47HHXayPSVjmwcT5n4zVaY"
    "eiO6Fk5XMkLTssoK7bQVqupzpB3mjE28SZvtDs3YMJKdQrstatGrYLuReOOG+O1j5pbtzU"
    "b09lpc9yoetmY8rAsWc6f2/vo514N5Xn3uLgRUvlmOnoqemSEllvUbl5Fw0jZheDGqbGH9"
    "JSamlJfOKS+quFgVbXYpKrK0aHMzyjULdtCfdxfwxuUo16kWpcq15bfVYjR0dSvXicpLTG"
    "baE8qeIaWYPLtZxqSYPPM8cLUzeUbfhQDIcRmlNVbQGhWdm6Jz+6Do3BSdW287jCDlqH8T"
    "w/xEMRRZNMP2Em5I9S+WPt+5CLwLCRlDx83gK0TAXUxBv51TuGwtaoKVODTZTTHm/5SYyr"
    "8qH5iV2P+fTfQiyh2alHrTzKHK66soJbsPq6KUVNGJLYhOKEpJRSnZGWDXpJRsMp72heA5"
    "ouhfI5gMMOXd75XF0uZBS2pvBU1VJE1F0lQkTUXS2l6WVSRNRdJUJE1F0lSIRUXS3tAwxy"
    "HIjHNxQCIlJsX21HZQQrluleu2+7Aq161y3W7eGaZct8p1uz3Adth1G1Q4lJ/Wkm3UK602"
    "9pu3eVLL1+ihfGr1Fi9BIVdu2027bZNDU91xm5STwqpo3iETzXuBqZ2UUjpaxpmoTiJqwS"
    "euTiLKYStQJxG1ibc6iajLzBDqJCJ1ElEndYmt8PNnvE4bNTmLj3NJNuhVMTVbOsqlRjNT"
    "EVutSWylrEplVXZwJxCyKrchRWWLZ606qkga3UXxGBcQ0ldkpC+lpFenFTVvZXVG+Xa8GQ"
    "ekhP0q22iJEh42VxxYKgSkMvdV5r50q7fK3FeZ+6lVWWXuK1fvVphLKnP/TQwzQdARS9pf"
    "SEixKal8/e4Br/L1Nw2rytdX+fqbz4BW+foqX397gO1wvv69C8fjc13HXn6qfuJ+r8xr67"
    "CWGow1rftEMOwRl4Jt8JnkOYjwd1XHgW0yayI5KNUTP+NSUlgLTad9RvNdAOa4jAK5AsgE"
    "W2K5P0F7CcGt30E4h47zgumGNYXOVATljKCUcDdwgrCL3bnmIJ0gV0O2LuLLyRGVId2hbZ"
    "+OYToMiFWcpSnRGrylWzQW2+Yspd/Jij7xpKTyiXd6mFXoQ9ph7kg+1Tkipj7dybHEgzu9"
    "MhscLto0WbagTOw2TWx14nZaVx4MqujKg0GxrszupVJU6UclgHDQXEJ0D6umAJdlABdUCG"
    "cRLj4cJSbS/sEom9koazsCZaOb2V//D1gALeU="
)
