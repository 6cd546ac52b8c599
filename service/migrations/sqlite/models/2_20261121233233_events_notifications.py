from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        CREATE TABLE IF NOT EXISTS "party_preference" (
    "user_key" VARCHAR(80) NOT NULL PRIMARY KEY,
    "opted_out" JSON NOT NULL,
    "quiet_start" VARCHAR(5),
    "quiet_end" VARCHAR(5),
    "updated_at" TIMESTAMP NOT NULL
) /* A WeChat user's message preferences (contract §4.3), keyed like ``oa:<openid>``. */;
        CREATE TABLE IF NOT EXISTS "mp_subscription" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "openid" VARCHAR(64) NOT NULL,
    "template_id" VARCHAR(64) NOT NULL,
    "remaining" INT,
    "updated_at" TIMESTAMP NOT NULL,
    CONSTRAINT "uid_mp_subscrip_openid_a8fb68" UNIQUE ("openid", "template_id")
) /* Accepted MP subscribe-message authorisations: one accepted one-time subscription */;
        CREATE TABLE IF NOT EXISTS "oa_follower" (
    "openid" VARCHAR(64) NOT NULL PRIMARY KEY,
    "follows" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* Whether an OA user follows the account, from ``subscribe``\/``unsubscribe`` events. */;
        CREATE TABLE IF NOT EXISTS "wechat_receipt" (
    "msgid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "openid" VARCHAR(64) NOT NULL,
    "status" VARCHAR(60) NOT NULL,
    "received_at" TIMESTAMP NOT NULL
) /* ``TEMPLATESENDJOBFINISH`` as received; kept so a receipt that overtakes the worker's */;
        CREATE TABLE IF NOT EXISTS "event" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "court_key" VARCHAR(64) NOT NULL,
    "event_id" VARCHAR(64) NOT NULL,
    "content_hash" VARCHAR(64) NOT NULL,
    "node" VARCHAR(40) NOT NULL,
    "occurred_at" TIMESTAMP NOT NULL,
    "data" JSON NOT NULL,
    "received_at" TIMESTAMP NOT NULL,
    "case_id" CHAR(36) NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_event_court_k_22aa56" UNIQUE ("court_key", "event_id")
) /* One accepted node event. ``(court_key, event_id)`` is the idempotency key; ``content_hash`` */;
CREATE INDEX IF NOT EXISTS "idx_event_case_id_82413b" ON "event" ("case_id", "occurred_at");
        CREATE TABLE IF NOT EXISTS "binding" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "oa_openid" VARCHAR(64),
    "mp_openid" VARCHAR(64),
    "created_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP,
    "case_id" CHAR(36) NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    "party_id" CHAR(36) NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE
) /* A WeChat user (OA openid and\/or MP openid) bound to one party of one case. */;
CREATE INDEX IF NOT EXISTS "idx_binding_oa_open_bedd85" ON "binding" ("oa_openid");
CREATE INDEX IF NOT EXISTS "idx_binding_mp_open_1b9e14" ON "binding" ("mp_openid");
        CREATE TABLE IF NOT EXISTS "notification" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "previous_id" CHAR(36),
    "channel" VARCHAR(16) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "openid" VARCHAR(64),
    "variables" JSON NOT NULL,
    "attempts" INT NOT NULL,
    "last_error_code" VARCHAR(40),
    "next_attempt_at" TIMESTAMP NOT NULL,
    "sending_until" TIMESTAMP,
    "wechat_msgid" BIGINT,
    "created_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP,
    "delivered_at" TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL,
    "case_id" CHAR(36) NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    "event_id" CHAR(36) NOT NULL REFERENCES "event" ("id") ON DELETE CASCADE,
    "party_id" CHAR(36) NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_event_i_d8bed9" UNIQUE ("event_id", "party_id", "channel")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_wechat__7443fc" ON "notification" ("wechat_msgid");
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_5784de" ON "notification" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_notificatio_case_id_384834" ON "notification" ("case_id", "created_at");
        CREATE TABLE IF NOT EXISTS "delivery_attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" INT NOT NULL,
    "channel" VARCHAR(16) NOT NULL,
    "started_at" TIMESTAMP NOT NULL,
    "finished_at" TIMESTAMP,
    "outcome" VARCHAR(20) NOT NULL,
    "error_code" VARCHAR(40),
    "detail" VARCHAR(200),
    "notification_id" CHAR(36) NOT NULL REFERENCES "notification" ("id") ON DELETE CASCADE
) /* Every try leaves a trace: written before the provider is called, finished after. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "binding";
        DROP TABLE IF EXISTS "mp_subscription";
        DROP TABLE IF EXISTS "event";
        DROP TABLE IF EXISTS "oa_follower";
        DROP TABLE IF EXISTS "delivery_attempt";
        DROP TABLE IF EXISTS "notification";
        DROP TABLE IF EXISTS "party_preference";
        DROP TABLE IF EXISTS "wechat_receipt";"""


MODELS_STATE = (
    "eJztXWlT5DYa/isqvgS2egg0x7CTzVY1DJMh4cgGskltSLmFraZVuKWOJMNQu/PfV/J9Y3"
    "Xbjdv4ywxt67Xs59Xx3vrvxoxayObbI8fC4pQI9rzxAfx3g8AZkn/k3B2ADTifR/fUBQHv"
    "bLc5VO0MFDa844JBU8hbE2hzJC9ZiJsMzwWmRF4ljm2ri9SUDTG5jy45BP/lIEPQeySmiM"
    "kbf/wpL2NioS+IBz/nD8YEI9tKvDO2VN/udUM8z91rx/j+jIhPblvV4Z1hUtuZkaj9/FlM"
    "KQkJMBHq6j0iiEGBVA+COeoL1Av63xt8lPeyURPvLWM0FppAxxaxL74zomsbhnF5dWNcn9"
    "4YxoYGRiYlCl/5qtwF4F69wru/D4d7e++HO3uHRwf7798fHO0cybbu+2Zvvf/qvUyElvco"
    "F7OzH84ub9QLUclEj8HqwleXBgroUbnMiNCHIov+R4mgwDOUj79HkcLf8km2gz/S3AiwL2"
    "NHcOF1+FEC7c3Zxen1zejiZ/X4Ged/2S5Mo5tTdWfoXn1OXd083EryInwI+O3s5jNQP8F/"
    "ri5PXTQpF/fM7TFqd/OfDfVO0BHUIPTJgFYcyOBycEk2jXHVFJRlGXsyhayAqQFBiq8SoH"
    "o4GS0oq5haM/jFsBG5F1P582inhLX/Hv1y8nn0y+bRTopdl/6doXvraxpe9UZ6+PoUHQT4"
    "sArAh8UAH2YAFpDJjcQDSQPlFFkHod6vAvV+MdT7RVDn7cIvAp27FdcG80o344ZXDIbkV3"
    "JdmJNUC+Hsg9jO0Xy4X2Xh2C9eOPbTOFtIQOxJuUmQf7y+uswHOUaSFmqwKcD/gI15Rris"
    "a+HY+MfEIe7eAO4cbAtM+Lbq9p8bq5dyFEQJAScAevNi9HuaByfnV8dpyUU94FgyRIn6k4"
    "eYuKku3EHz4Qkyy8jcoUNa1DZ7azacpa9AAu9deNUXq+/ztaAT6jDxE8rVkMJ7gzL9yFSt"
    "jAdUTTvaGAGXAPBnLtDsGw4k5Ta4mSLAkcmQAJgDLuUsZAFETPY8l2PpA/h8MToBj4jhCT"
    "ahOxIIQhYHWACFw/ZGiq8NdrOEFiffQXNxiyjq2UBeV5lrZJcuVtvc/zXADtp3UCTa3amC"
    "tmxVCLd7L7mPeDPJkPMni/IN+lJgmkhSdQLrMq349Peb8v0iVIrPry5/CJqnN5EU8CZVfW"
    "gM7YiiE4AnB/ew0uAelgzuYXZwy0Gq8DD0bT9JytXYgFoz3NfNCMTQI31YiM1JyhrY3DIt"
    "ZN253BYBG3KUK1yr6+WCddCiNR6HX389+6jhb3AcbG0rmmYk1Zha6Pak/tl/DZ3Q3V72vP"
    "EdH7nup5eLqIrHctTqbOUxks7pBPXbOlwtUAvegKCDglIjWsAE2yX7Zz7IcZqynXMNES8B"
    "WG2F6eEJHa6lo4YE3TN0NiLGwxl1SN7YRCaeQbvAERUSpQenR7XtU68f4mWj8/Tk7GJ0vr"
    "l7MBi6CEsBDgsUxz7rGJlCYtmIGbqmljRd90bzQZXBfFA8lg8KsZ5LpJCu1SWXuAuor9z2"
    "IqBw9GwvIcXqRAp505gzqiRR3pREnBzve1XG+17xeN/LjHcbciEFXUtrYUkQdWF8N+3aDg"
    "FbwASSpu2NIG0zgvQWzTfHZmduLcjmJGXP5taxWcOkGY2HOWQC53mLjn3CTz/9gmxYEHrn"
    "Wyt/lg95Xl+OR1f9LSYxY9AjUs2XAuhUPaOrAN3Jl5MPWRKiY+8pXQWJUBGGjSyJ1GXsUV"
    "2Cq0k/i7dC5ThawqWr2NMyD5tUCF9yG4NN+TRbsoiIAZCr+pxKqInYApQBSIB8RSK2wZm6"
    "hmVr4szuEOPylgVcDVz+yVAQgESJ7faeCmBqpqNbEsY7gc3x+G/KFjAeb7kU0A2TkjemkE"
    "8lqXtf/a0aTGSPNqUP75w5LwqE+iN0Wrkvr0KX/uwdTm1yOIV8yWBdrFPHaTroFanf6cSo"
    "rWW0CNp3ENxhNZt+iUk/De6D/C4dcIP2PbgVwO1DJpt1lmJLKnS6tvsEUSeQXrXR3kNQST"
    "I6gztJ1b0Mnvo3voVcU71LasnR7QGoO7qTVA3h3qXBbaN7aBsMzbX8UXGiLgzuFWySEi2p"
    "0OTb5MryAONU3YO6/gGt8q0fc8S9Yyr1EUgKYmNCohTEd5KqKVEkWEZWu1gfX12dJxbr47"
    "P0avzrxfGpHN+peJmgokTve3sDTpne9/bm2OyGYOvZK2MkdRot28vUF2yUGVdmEt0stJ8o"
    "Q/ie/ISeXYDP5HtAYuZtRKkEi/WENOM8kZcZfArt5vEBJb9dfjHy9p6T0fXJ6OPpxtcqvu"
    "Hesdc79tru2PM86zmOvdDlXuzYQ2GTFx17VwQBaJrIdYypmDbgEm+D8XgzLHEw8C7Kebc1"
    "HqsSAmKKALbQbE4FIuazcp99JykkQkK183xnGd9eg33dkk0+hcODQ0AnLgWhbAZtzGVPas"
    "nwPYQDr1tT/jMA2F1LhesCNCGhRI5QGygX0hYQyLY5gLdE6l0zG3EOpJ4lJVLlG7Qc1zMp"
    "kOseZHQGIDCnkNyrogrq3YEjxymTVx3VPXYdjt5HyZeeSFohKUt8ifHKEgEYGYdi5HOkpu"
    "kw5glRf/Z+xtdNbIvzTiv3KiDqhKG7aRU+nBUaKMdpepAr5RBGK6zecE7S9WBXAFs34H+p"
    "WP92g1t/sH98h8xgXG6gSJH2FopWWyjUvpzlcEl9N799X9yt3DtXsbhb0pthIvy4YImRBG"
    "k/51o953qrYG8V7IRVsDd4varBKzCn5pi8YpbWYqPXXaxRhXj235AUroUy0TCweTUCdI4I"
    "tpQx6FvKgFw5vQtb4I46xAKCAkqQH5xOJ+4PNerySnDW+ei+lFEL1udBicWHQsNjp472li"
    "DqY5Be1I5n8wVAThD1IL9s7+mDNd6CvN6XfnwLXO61shp2/Sr5Y8V4luSPvU1AS9TcMBV1"
    "ST23awn7g5SiGx9T+ZpuehHojQcNGg8azexmaIIYUpzJS++O7g5ezPE25snWeurxNxzMEO"
    "fyLUH0HA42lZ9PPQbcOjs78P3+9t7WwE+ktvEDAuMxhR/+4Yng/xyPX9CU6+rlltwSeU3F"
    "mBjUEeOxa8bnUeCHF1HiKucWReqGAE+QiO+Am7RgPwMuZ4drviHCJeNAXpCTBmBxSzZVuM"
    "hfDkYCTKnD+NY2+Ff0y007t6kKJNkccQy/vVaBIVOIt4CSifh3QE42JsD33wMknzNDkKg3"
    "IEsr++p7dOMO4jSdq6lb1zlNJZp/MMZ0PE4Jona4nVR/nXE7uTPTcCeZzlRIkXUvjeagwm"
    "w4KK7KmbYVeHghvZT0BFEP8QsQ90kViywqa6GoaxQ0a1LC/Ihs/IjY80gINJvnBhunm5TK"
    "mpbfWA68qPWLsuapIpEz+1nKX/BRVe4BigJ9AE8MywfJnQpNlPSlxLY5o49YBddiDqSQZS"
    "NrACaYYD6V8iCcCMSyYmYTHfRnWq/pmdZeHHiWA4XwRwQvs2ANlk6fC8Pd/ff7R3uH+yH4"
    "4ZUyzHMyPKV+Q5CtIwbESDoYvbh7WCUzPL3jxBLDDzPnzSmpdCFBIEnZCwKtEwSSB4p4u8"
    "wCfE6R9p6ZNvNZ6v4m1Ss3FSNZYS19f/VoyjLQdE0vxBhlhqkZV5+k6p6SWn9wvXdGtg7G"
    "EUX38G3kNJ94ZKKmEzKHtPdFlvsiSSp4c0nvWUdjQQcpL1rOQGuTN+1ifu3cxQHImDpSLQ"
    "Zllo7Z3ODpxi871YLUZylm+NR36F3g9JIyw5QyzL3w4w9uFGiYLC1/vFOSG0j3mvSn1dzB"
    "LYG2TZ+42zR4zOZ4zNBMDgTZ6XisMrEv5e3xGHwPbEru3wnEZiXJzVFEnjIR2XIeLF0t+a"
    "1YTpbU2cscWdrxq8vFVbZtjWs6sjI+1DVQTpH1UFepQR2sTRrrRIJmISvfIiLpTqtXi94P"
    "9QbMEi3xQyUk5BzJLC1BF8tladG93jPE/4gK64TxioExO1ueJTr/kKAvIvCJuUVaBiCq3h"
    "KLne+Lt7xuKs+coUdMHa4b55skWwL3llk26gmd7j1Eq/AQrcPhrP5St64G5fafwLGx2rNv"
    "64d45Zpoy1bcprWjR8iw+vKctaI4ZDVB1I6Q1U5VSvElwxyeFGqscZLVhaWsi8bqns+8mP"
    "svh7R760r9PsC0hpNBvNxQkEPeWwtaZy1ISJzILbZhOETk+X5fCEtKE/cBK23m9ROS+pgw"
    "ZvxeN3Q1TdmQbbWrUax9aYY3NtPUMT6LhHlGZP1K2mb++gkSC03kNG3P6TZzuneavQk291"
    "VWanUVFJd1L8azpKx7D2hftqbZUNHQH7xkjGh4pst6gvpicGh8kvZla1ZUtiazENSAaV9f"
    "qThEJmPRN2yaE4amU0c4J/26I8A3Wkr4Cn6iKnLZDdvJhBPF7g7KgokoNCbxhi8GeP82dU"
    "OFACTgauRVGPIe4JUcgqZJHSIG3plR43EYoj0efzseOyT22ztHimdz2evvQtVLuqSA0Se/"
    "GtHtBpG3GJgiyYdb2WmQ1q96IJJ52C+hdDUauGdneUWcvuFgf29nZ1+BY3OgGLlspvzrxy"
    "W3qJ5RXc7g4vAnfyDlrFhlByPHqFZ4MvLrCIo1nozcGwgWYcBaGAhaElXrLcu/qLNU8mu7"
    "JBuUboW+I4fF2r64G47HN6cXP59LLlyfXn788er409nl2fVnufNAdZqid8TLd+ABzQXgFE"
    "DgP13uLVAAKnccAR/8reaJsgdVIjCzHzbRya1kJlGbp9wf5YO8+abqwXCBbRtIlGyMLLAZ"
    "0QCb0gcud0yGvBoxqhvKlJPTfbLrACtMiqq6HS7ggNPwvK1JEtQrl495fZGkVZEk9UeorU"
    "co6+oArhKqc1gcqnOYCdXpz+XqRY+mRY+PmJs25Q5D13JyojzhI92kVPywwsaqRKeoWMT4"
    "Ru68XHLbRq52u4ktsLsFptQO92ULzW36PJP7vNReo06AFAu4fEhW/V7+kV55Yv+XlC4Y5k"
    "glWCt1XKrYc+fOxnw6AE9YTC0Gn6AcpejLHMt77jnVlMlZqL5QZV5HjYyJFEGYOgfbPzHb"
    "7yE4DlulkXLhH1PtCT8MzaT8YwHKALSF8ixLCWkmpRL1KdBmCFr++5gDV3a6JRJepEwAil"
    "wOFDnybGSpY6+h7MhWVfOCbmfw2ReX+FQChUWmkPPe9t7SElGfDd5ANrjPQj1BM0bUmXjk"
    "Fcd4pSezHgPyqHtOLMaJFtlm+hCdLspH51jujflHHQa3qspDdqx9rcnOmXxm90UHob7VJy"
    "uvIpSjJFnZlcw0K4okiDrnItkbVlCW94aFyrK6lcok8maXJspJqs7B3MDJgyqUgVAdjGMk"
    "TZl9OoUwdfQOxAgJOmhU261Uo3G3pEbjbrZGY/uzw1eGb/154YHsURXcoH33loZGxi625F"
    "JqIGJmMb5BXwrtKTGiToziMu3m9PebhGKTSfwOlZvzq8sfgubpbPA82KeQT3XGdpKqeyO8"
    "/s3PQ2wG+QPSWqLTdJ0Y5Knl5KjKanJUvJgcpcGWcFh5B2wUwxxRdDDVvkqmfXGifUYfUS"
    "cUGgzNtdSROFH3IG5kR7yDHHNDvoqmWpKm6+KS0Rze8oO1lJQkVY91NazpnY3vC6qbF4t7"
    "SapOYL1qeW+O2ISyWZBhUdlolyTrBPQrODTBIT5wyh8zU2HxOd4cZOIZtAucObkPSDt1vC"
    "ds+09av820BPiPpydnF6Pzzd2DwTAV0ByvEpSyNGFmOrMojygJ+LXEyC50YqZpu3Ti2t7w"
    "/WHotVQ/yvyU1xL286xjUg02q8QxmY9qkqrMKbmG6JYN39HNaXoF9sJrDDdIVwfDDOGSMK"
    "7RIpCDImKYWsYzgiwnUrN8iqdpV1ZufT1meDjOtEMPkpSric1cpZFo3UMPEnUOVEAf4gtw"
    "OUm5kgCTnskLFnNqYST761l16/cJ+QveQnFaadp+IrV4IgWhjWQBRqdp+5C8deC0wRDkee"
    "ap4rUzh7R7pu76C/eGsBEqctT1YnNghrALaK/aIOhJc4tsYEnKflVr86qmEl9U+SNdR3+a"
    "roOG3wZOOFib7JXmDRJ9keK2MKRLy1mLsmN6Nr9aekw0HqaYC8pyisvpFDrz014+R89aT9"
    "avts5ZCrXidKIYrpWyimI8fTnP+op42dBzxIIEYzoBEPhpEB+Av7wPguxl9WdogYlSnYmf"
    "6YysbOJ1Q33UnHtcJmN0LP34leuw6G8+/abT0k0ncRSWmR+WVKwkRRQdVI/qN5pLuPIyy0"
    "vxzU0m7wK8R1XgPSqG9ygDb699vpr22UZ3W6eWDgsJiG2tkyNjJP25keXW4wXOjSxLTi7O"
    "ty9NTu4L/KfkzFh5hSTA2pXTY4Ud1hPYF2unJ0eWbvX0JvXkEWLYnG7k6Mf+nUGZXgyjNk"
    "1W2OirXLWiylWxvFAsp3VCYDg4qCIxHBwUiwzqXkrdmGtlqvnNO4huI4k8voNQRyKLkaxe"
    "Inudzb822etVi0d9/T/A9TjV"
)
