from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "rights_list" (
    "version" VARCHAR(12) NOT NULL PRIMARY KEY,
    "title" VARCHAR(100) NOT NULL,
    "items" JSONB NOT NULL,
    "content_sha256" VARCHAR(64) NOT NULL,
    "seeded" BOOL NOT NULL,
    "note" VARCHAR(200),
    "published_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
        CREATE TABLE IF NOT EXISTS "rights_acknowledgement" (
    "id" UUID NOT NULL PRIMARY KEY,
    "receipt_no" VARCHAR(24) NOT NULL UNIQUE,
    "version" VARCHAR(12) NOT NULL,
    "content_sha256" VARCHAR(64) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ NOT NULL,
    "channel" VARCHAR(4) NOT NULL,
    "client_address" VARCHAR(64) NOT NULL,
    "user_agent" VARCHAR(300) NOT NULL,
    "actor" VARCHAR(40) NOT NULL,
    "acting_party_id" UUID NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE,
    "case_id" UUID NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    "party_id" UUID NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_rights_ackn_case_id_cf2d4a" UNIQUE ("case_id", "party_id")
);
        CREATE TABLE IF NOT EXISTS "objection" (
    "id" UUID NOT NULL PRIMARY KEY,
    "receipt_no" VARCHAR(24) NOT NULL UNIQUE,
    "grounds" JSONB NOT NULL,
    "request" TEXT NOT NULL,
    "facts" TEXT NOT NULL,
    "contact_address" VARCHAR(200) NOT NULL,
    "phone_enc" TEXT NOT NULL,
    "channel" VARCHAR(4) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL,
    "filing_due" DATE NOT NULL,
    "decision_due" DATE NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "case_id" UUID NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    "filed_by_id" UUID NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE,
    "party_id" UUID NOT NULL REFERENCES "party" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_objection_status_e00cbe" ON "objection" ("status", "received_at");
        CREATE TABLE IF NOT EXISTS "objection_attachment" (
    "id" UUID NOT NULL PRIMARY KEY,
    "storage_id" VARCHAR(64) NOT NULL UNIQUE,
    "filename" VARCHAR(120) NOT NULL,
    "content_type" VARCHAR(40) NOT NULL,
    "size" INT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "uploaded_at" TIMESTAMPTZ NOT NULL,
    "objection_id" UUID NOT NULL REFERENCES "objection" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "objection_change" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(20) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "note" VARCHAR(500),
    "actor" VARCHAR(64) NOT NULL,
    "recorded_at" TIMESTAMPTZ NOT NULL,
    "objection_id" UUID NOT NULL REFERENCES "objection" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "rights_reminder" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(12) NOT NULL,
    "number" INT NOT NULL,
    "event_id" VARCHAR(64) NOT NULL,
    "sent_at" TIMESTAMPTZ NOT NULL,
    "case_id" UUID NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_rights_remi_case_id_44a781" UNIQUE ("case_id", "version", "number")
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "rights_list";
        DROP TABLE IF EXISTS "objection_attachment";
        DROP TABLE IF EXISTS "objection";
        DROP TABLE IF EXISTS "objection_change";
        DROP TABLE IF EXISTS "rights_acknowledgement";
        DROP TABLE IF EXISTS "rights_reminder";"""


MODELS_STATE = (
    "eJztXWt32zaa/is4/lJnj+Lakm+TTucc2XEaTxO7G7vbnql7KIiEJI4pQgVBO97Z/PcFeL"
    "+LkEiJgvGljUk8JPXg9t7xn705NpDlHAxdw6RXNiUve+/Af/ZsOEfsHwV3e2APLhbxPX6B"
    "wrHlNYe8nYaihmOHEqhTdmsCLQexSwZydGIuqIltdtV2LYtfxDpraNrT+JJrm3+5SKN4iu"
    "gMEXbjjz/ZZdM20FfkhH8uHrWJiSwj9c2mwd/tXdfoy8K7dmFOr236wWvLXzjWdGy5cztu"
    "v3ihM2xHANOm/OoU2YhAivgbKHH5L+AfGPze8Ef5Hxs38b8ygTHQBLoWTfzisRZf29O0m9"
    "t77e7qXtP2BDjSsc35ZZ/qeARM+Se8/Vu/Pxic9Q8Hp+cnx2dnJ+eH56yt9735W2ff/I+J"
    "2fIf5XF2/dP1zT3/IMw60e9gfuGbh4EU+iivM2L2Ic2z/54xSM05KubfR2T4NwLIQfiPbG"
    "+E3Fd1R3hhO/1RQe399eeru/vh51/44+eO85fl0TS8v+J3+t7Vl8zV/dM36b6IHgJ+u77/"
    "CPif4F+3N1cem9ihU+K9MW53/689/k3QpViz8bMGjSSR4eXwEmua6FWdYpLv2MsZJCWdGg"
    "Iy/coIaqYn4wVlE1NrDr9qFrKndMb+PD+s6Nr/GX65/Dj8sn9+mOmum+BO37v1LUsv/yIx"
    "fgOEhASf1iH4tJzg0xzBFBK2kfgkCbCcgUlI9XEdqo/LqT4uo7poF15KdOFW3BjNG92MW1"
    "4xCGK/0hGlOY1aieeAxG6O5tPjOgvHcfnCcZzl2UAUmr6Umyb5n3e3N8UkJyBZocbUKfg/"
    "YJlOTrhsauHY+/vEtb29AYxd06Km7Rzw1/5jb/NSDqcoJeCERO9/Hv6e7YPLT7cXWcmFP+"
    "CCdQgX9SePCXGTXxhD/fEZEkPL3cF9XNY2f2ven2evQBtOPXr5L+a/L9CCLrFL6M+oUEOK"
    "7vWq9COdt9IeUT3taG8IPABwXhyK5t85gCEPwP0MAQfpBFFgOsBhchYyALJ18rJgY+kd+P"
    "h5eAmeEDEnpg69kWAjZDjApIDzcLCX6dcWX7OGFse+QXBxixHNbCDbVeZa2aXL1Tbv/wJk"
    "h+0lFImODuuwzVqV0u3dS+8j/kzS2PzJs3yPvpaYJtIoKbiu0oqvfr+v3i8ipfjT7c1PYf"
    "PsJpIhXsf8HQJDO0ZIQXh6cPdrDe5+xeDu5wc3G6ScD03c9pNGbsYG1JnhvmtGIIKe8ONK"
    "3ZxGNtDNHdNCdr2XuyJgQwcVCtf8erVgHbbojMfh11+v3wv4G1zXNA44ph1JNaEWem/i/z"
    "nehk7obS8Df3wnR67306tFVN7HbNSKbOUJiHQ6QfO2Dk8LFKI3BEgoKLWiBUxMq2L/LCY5"
    "ianaOXeQ8QqC+VaYHZ7QdYR01Aggn6GzFTEezrFrF41NpJtzaJU4oiJQdnD6qIMAvXuMV4"
    "3Oq8vrz8NP+0cnvb7HMBPgTIqS3OcdIzNoGxYimqipJYuTbzSf1BnMJ+Vj+aSU6wVjCola"
    "XQrBMrC+cdsLhdQVs71EiM2JFOymtiCYS6JOWxJxerwP6oz3Qfl4H+TGuwUdygRdQ2hhSY"
    "FkGN9tu7YjwlYwgWSxygjSNSOIsmi+um52F8aK3ZxGqm7uXDcLmDTj8bCAhJpF3qKLAPjh"
    "5y/IgiWhd4G18hf2kJfd7fH4arDFpGYMekK8+VoEXfFnyErQmH0ce8iaFF34T5GVJBvTKG"
    "xkTaZuEo+SlS5iTmfU0RgrbIWzkDFF8/Vn4TD9NFm5w+N/I72BcXYbPkdWooJBRtCcfyVZ"
    "k64v3tO+BA+TibM2HaC+6FDgAY1kinIX6CJqUiOu0GsM9tnTLLZ22rQHmLi1wIxqm74BmA"
    "BoA/aJNj0A1/yayVrb7nzMxgW7ZQDPNMb+SVAYGYhty3t7JrKwnRc92FEgItgfjf6LG+lG"
    "ozceAnrxi+zGDDozBvXu83/zBhP2Rgvjx7fuwimLUPwj8iZ7H89jCv9UnuAueYKjfslxXW"
    "7sSmIkdFc27w0m2BKyJobtJSS3X8/ZVuFry5L7yH6XCLlhe0VuDXJVLHO7UQymodlY1KmW"
    "AknB9Ka9aT6DXJIRGdxplHypdc1vfCv5jJWveM3R7RMoOrrTqJZ4l2lwW2gKLabkL4QcxU"
    "mQDIN7A5skY4spNMVmuqoE3SRKPqqbH9C8EMJTgbh3gZk+Au2SoLUIlKF4zFBtiSLhMrLZ"
    "xfri9vZTarG+uM6uxr9+vrhi4zsTyBaWelFO8VfgLVVO8VfXzV5uhJi9MgFp0mjZ3U5dYq"
    "PMxRik2c1T+wETZE7tn9GLR/A1+w5o60UbUSbzaTcpzTlP2GUCnyO7eXJAsd/OfjHy957L"
    "4d3l8P3V3rc6QRvK46487hvyuGtzWBRiq9zuKmShlZAFzUv+Wo806QMXVITHlqIV/Di+gm"
    "iFKMCvPFoBRU2WRivc2ghAXUeet59H0AMPfABGo/2ooFLPv8iEiTejES9YRGcImAaaLzBF"
    "tv7CYwJ+YAjGEOXt/ICAvQy5bb7rwd53ZrB/cgrwxEPYmMyhZTrsTVwOCsIeev5rdfafHj"
    "A9AZF6cQ06tLHNtl0LcL/4G0CRZTkAPtgzSOYWchxA0IKp2TzgwXC9cAuKvJgHgucAAn0G"
    "7Skv4cS/Hbg8LIdddfnrTS+Kwv9R7KMnDEsZsiJAIlnHKiQjFyURB1JgXXcJ8TXDP1XwxH"
    "bT6JN9J5TpHYKk8N61bZeMZoUAy0mMIrlWxYJ4hRUbzmmcIrsG2aLphWtlFnab3OZTC5M7"
    "ZI7jaqtrBqrMrp02u/J9Od/DFdVkg/aqlGyqh1ctJZt20erIfFqxoFkKquZcp+eccnUoV4"
    "cUrg5lxd+qwSv0ERWYvBLuo3Kj1zjRqEaSzm+ICdeUm2gI2L8dArxAtmlwY9D3mAC2cvoX"
    "3oAxdm0DUAywjYKMGzzx/uCjrqjgd5OPVoUTO7A+9yosPhhqfneKaG8pkAqsXKodzxcrkJ"
    "wCKZKX23tUBNprkNdVoenX0MtKK2tg16+TFFvOZ0VS7OsktELNjfLr19RzZSsP1Msouskx"
    "VazpZhcBZTxo0XjQarkKgiaIIN4zRTUr4ru9pYUrtEW6tZh6/J0D5shx2FeC+DkO2Od+Pv"
    "4Y8OAeHsKz44PBm15QHcIyHxEYjTB893dfBP/HaLREU27qLQ/2g82u8RgTDbt0NPLM+E4c"
    "+OFHlHjKuYERv0HBM7TpD8DLxLJegMNmh2e+sakHcwC7wCYNMOmDvc/DRf5yTUTBDLvEeX"
    "MA/jv+y6ulYWEeSLI/dEz4/R0PDJlB8w3gMpHzA2CTjVDw448AsefMEbT5F9hrK/v894jG"
    "HSQx0lXwb+pUyArNPxxjIh6nFKgbbif+PmncTt7M1LxJJjIVMjD5cgNPasyGk/Ia4Flbgc"
    "8XEquzkQIpipdQrDLFVllUdkJRzylC25Ew3yPLfELkZUgpmi8Kg42zTSplTSNozAZe3Hqp"
    "rHnFIWxmvzD5Cz7xcmSAI9A78ExM9iC2U6EJl7642LYg+MnkwbWmA5iQZSGjByambTozJg"
    "/CCUUkL2a28YKG3TIX5vTaLq3tUjCLzXyCRrA2dlc8m/JPePu3fn8wOOsfDk7PT47Pzk7O"
    "D897vAgCu5e/dVaVe339E8+iTk3cMK264ihWLw483wOl9MeA5V2wA0tn0Av9o+Oz4/PB6X"
    "FEfnSlivOCtHWm39jIEhEDEhAJoxePTuuUu8juOIlqF6e50225VLqSIJBGKkGgc4JA+vgy"
    "f5dZoZ8zUOWZ6XI/M91fx2I19BKQDZ7cE6webVkG2i5UiAjBRNMF4+rTKPmU1OaD6w1EoS"
    "kkAMQI+fht5ezAZGSioBOyAKp8kdW+SDsTvLmm90zSWNBexotWMNC65E37vLhzx0kCcqaO"
    "TItelaVjvtCcbOPlTrUw9ZmJGQF6jN6GTi8mM8wwMR0//PidFwUaJUuzP95yyQ1k35r2pz"
    "X8ggcbWhZ+drym4WP2RyOC5mwgsJeORjwT+4bdHo3Aj8DC9vQtRWRekdwcR+RxE5HF5sHa"
    "JeBfi+VkTZ29ypElHL+6Xlxl19a4tiMrk0NdgOUMTFFdp7B+uDYJrBMpzEpWvlVE0sNOrx"
    "bKD/UKzBId8UOlJOQCySwrQZfLZVnRfalQVt7VhdJLVFgnilcMjdn58izxacs2+kpDn5hX"
    "pKUH4uotidh5Vbxlu6k8C4KeTOw6onG+adgavHfMstFM6LTyEG3CQ7QLR8EHS92uGpS7f6"
    "wQW4own4nOrlK8cU20Yytu29rREyQm/+UFa0V5yGoK1I2QVakqpQSSYUGflGqsScjmwlJ2"
    "RWO1oEO11dx/BVD51pXmfYBZDSfHeLWhoACurAWdsxakJE7kFdvQXJsW+X6XhCVlwSpgpc"
    "t9/YyYPka1uTMVDV3NIluyrcoaxapKM7yymcbPJlslzDOGqZW0y/0bJEisNJGzWNXTXe5p"
    "5TR7Fd2sqqw06iooL+tezmdFWXdFqCpb026oaOQPXjNGNDrTZTdJXRocmpykqmzNhsrW5B"
    "aCBjhV9ZXKQ2RyFn3NwgVhaCJ1hAvSryUhvtVSwrfwA+aRy17YTi6cKHG3VxVMhKE2STZc"
    "GuD928wLFQLQBrdDv8KQ/wC/5BDUdezatOefGTUaRSHao9H3o5FrJ/72z5Fy8rnszb+C10"
    "u6wYDg56Aa0cOezW4RMEOsHx7YS8O0fv4Gm3WeGZRQuh32vLOz/CJO3zngeHB4eMzJsRzA"
    "O3LdTPntxyV3qJ5RU87g8vCnYCAVrFhVp70nUBs87n07gmKDx70rA8EqHbATBoKORNX6y/"
    "IXfpZKcW2XdIPKrTBw5JBE26W74Wh0f/X5l0+sF+6ubt7/8/biw/XN9d1HtvNAfpqif8TL"
    "D+ARLShwMIAgeDrbWyAFmO04FD4GW80zJo+8RGBuP2zjJQ+sM22+ebL9kT3In2+8HoxDTc"
    "sCjCXLRAbYjzHAwvjRYTsmQX6NGP4aTLiT03uy5wArTYqqux2u4IAT8LztSBLUlsvHbF8k"
    "6VQkSfMRarsRyro5guuE6pyWh+qc5kJ11LlcSvRoW/R4bzq6hR2XoDs2OVGR8JFtUil+GF"
    "FjXqKT1ixifM92Xof1toU87XbfNMDRGzDDVrQvG2hh4Rd+2j3TXuOXACYWOOwhefV7/Uf6"
    "5YmDv5h0QUwH8QRrro4zFXvhji3TmfXAs0lnBoHPkI1S9HVhsnveOdWYEP8cdZ55HTfSJk"
    "wEIfwc7ODE7OAN4XHYPI3UocEx1b7wQ9CcyT8GwARAi3LPMpOQ5kwq4T8FWgRBI/gevefJ"
    "Tg82oxdxEwCHs4HCRp6FDH7sNWQvsnjVvPC1c/gSiEvOjBFl0lwh58HBYG2JSGWDt5ANHn"
    "ShmKCZAEkTj7zhGK/sZBbrgCK06onVeqJDthkVoiOjfPTJZHtj8VGH4a268pCVaN9osnMu"
    "n9n70F6kb6lk5U2EclQkK3uSmWBFkRRIOhfJoF9DWR70S5VlfiuTSeTPLkGW0yjpaG7h5E"
    "EeymBjEY4TkLbMPlIxjF2xAzEigIRGtaNaNRqPKmo0HuVrNHY/O3xj/DafFx7KHnXJDdvL"
    "tzS0MnZNgy2lGrL1PMf36GupPSUBkmIUV2k3V7/fpxSbXOJ3pNx8ur35KWyezQYvon0GnZ"
    "nI2E6j5BvhzW9+PmNz6DwioSU6i5NikGeWk/M6q8l5+WJyniWb0WEUHbBRTnOMkDDVvk6m"
    "fXmifU4f4ScUagQthNSRJEg+ilvZEcfQMR2NfYqgWpLFybhktMc3+8FCSkoapbiuxzUeW+"
    "a0pLp5ubiXRknB9ablvQUiE0zmYYZFbaNdGiYF9Rs4NMG1A+K4P2bOw+ILvDlIN+fQKnHm"
    "FD4g69Txn3AQPGn3NtMK4t9fXV5/Hn7aPzrp9TMBzckqQRlLk0l0dx7nEaUJv2McWaVOzC"
    "xWphPXBv2z08hryf+o8lPeMdo/5R2TfLAZFY7JYlbTqCqn5A6yWzV8h/dX2RXYD6/RvCBd"
    "EQ5zwDVp3KFFoIBFRExsaC8IkoJIzeopnsVurNz6bszwaJwJhx6kkZuJzdykkWjXQw9SdQ"
    "54QB9yVujlNHIjASaqk1cs5tTBSPbtWXWb9wkFC95KcVpZrJpIHZ5IYWijvUJHZ7EqJG8X"
    "elojCDpF5qnytbMAKp+pu/nCvRFtNqYF6nq5OTAHlIHtTRsEfWlulQ0sjVSrWpdXNZ74ws"
    "sfiTr6szgJDb8tnHCwM9kr7RskVJHirnSITMtZh7JjVDdvLT0mHg8z06GYFBSXEyl0FqS9"
    "fIyftZtdv9k6ZxnWytOJErzWyipK9OnyPOtb28+GXiASJhjjCYAgSIN4B4LlvRdmL/N/Rh"
    "aYONXZDjKdkZFPvG7pHQ3nHlfJGJKlH2+5Dov45qM2nY5uOqmjsPTisKRyJSlGSKgeNW80"
    "Z3QVZZZX8luYTC4Dved16D0vp/c8R6/SPremfXbR3SbV0mEgCk1L6OTIBESdG1ltPV7h3M"
    "iq5OTyfPvK5GRV4D8jZybKK6QJFq6cnijssJvELq2dnh5ZotXT29ST77y6VXsF+nFwp1el"
    "F1vI0Jy4XZtVNkq1Tf/9gnUIUiBVhqDEd1CuZHYt67hgj2trL9tAGoqF9ZIklIpUtgRGOp"
    "ZbyYIghRXdq2N0SXE9953WRpoIzmUMCXMZYhSXaS7nggdzz9c5jbtzPKbNEHWsEOVGiHxc"
    "pDPTXFJwKnNVXagYI0MgT5rgk1oL60nFwnpSsLCiCdMiZpqD2LuNgnWhfHnNI2VaHdYsTJ"
    "pMduc1nsT5zeEUuwXsUvzIdAPRmKQ0SsLFuPmIJJ8yweI6KZAUNG86tnJ3TPFyFc/dvWjH"
    "Dal3za8sXqFnttEhwVGexqmBvtpA91lcaZnJQVUfrNYHUH9Exmp9kIOqPlinD1YIyEngVA"
    "JDl6NyLOhQb7tYoZezWNXTXe5pFcL/KrpZhfBL280CIfxtetyH8elQ/CysvQLXe7ZJr8oH"
    "T8zpjDoaLMA06o//wyss73WGd9L9n+uEg6tDL5o+9CI4vVWwKGcaJV0gRL+OYaFfbljo10"
    "+iLOe4XJHaTXNlJgCizskiR+UnixzlThYJzV3ODPZPTlcxlMVICQlv3liWPK9wNW01C1fS"
    "T+ekn9QMm0HbRkJu8AREwjnVcC1y3TL5MsR6hHWaUOB9Hikh282vYK6DiMbE7aJCtuVkp1"
    "ESEj2oFd0xqIjuGOSjO1SeVKtlh3jWnj3VPB1LMH+hAKqSGIrOUxOjNQFRdGYj6lYYpmp8"
    "1k+yCU0ua2bYXAaP2U1Kl6bXJGZocW5Nbsg2wOkv4XMkJTU5TZezmtx7FLlLyS3YqruUFX"
    "Y7/jfSg9+es07HN3tVdmmcatbuAcxxvrJn0HzyDRHqHGZlkn4FJukpwW5hGHh59nkC0o3s"
    "c/4+abLPCWJkOAWmiPKg5gRECi150yHNE7a3FMyAcsIjgKJ7Bbq5o4URuJKFMw+Vogs2kL"
    "C6YCwh0XSJFEgKpjc+2JW3pFVvyW6UJ4o0i7aklLaLFCU1oxzX1R7eDFR5dzvt3Z2YFrct"
    "GG6B5bD8GLc06lUfhcdPBeQRO6IUZnGvmkQVSPsqFhvlT2vUn8ZWYTbyx6IutQxM0arclM"
    "pN2Tmnj3JTbt1NGS6UitilxGb2FFH3ZLIgPYX6jCelFCj5IidhRI7HYfREifjP2ZymqCm+"
    "Lr2nycTVRpzfiWFW5QZPj8YaDnENphFbKZuqXOCbcIHzs2LYKBOtTptCSecCb6HcC9urRE"
    "vSJjESGumPalmQjypMyEd5G3KYYOURJcB1Fich381Hgjvm/xaQXFq1JWyuSvoVHYEhnEuo"
    "cgjFMnAWFobGivbeFFQZfDtt8I2lWDEJMotTJrVqk1oqfHZNU0UqYnc3yV1qrsiOr06GUw"
    "eKeJU2GevqdTRJPW7dGS3ytZzzuKZwUqU07kJAzAZj6ZoOhVFHZEopmtiYih1KE7RXZf1r"
    "lfVXid+talAE6ZispkFloGqZ6vQypTQopUEpDaonpEF98Yoc8oMi9wqUp8TdXo1SiWFy23"
    "ZUpi5UkOuQM6ip+nHl6hQ1qSUkF0YACeWWVs4rNCmaC+WfRgCVfZqSWprIPlXlEzcsuDsI"
    "GahAkrvA2ELQLrHYRKAMx2OGaovk6Mpmh/nF7e2n1DC/uM6m3f36+eKKLTse66yR6QsdeT"
    "+eUvHbzTB1x2wtnK2khGaxSgvttBaq8nOk7eacTrxNne0LmvNuJHulelvUoldDdyPJxi3V"
    "t0+oW7Y7H7Pba9W6V/6wNf1hXdCYO7X3N19zPRjn9cduDFDxZgVyKnriipRY1G8SI+GgbU"
    "Px4qWyheWXBEwJL50TXlRysUra7JJXZGnS5naE6yEipj7bKxCqgzuVwjSM26iwsd2SMZSY"
    "XN9EdnJSx0R2clJuIuP3MlEwbFIJMBw0l5DdVjxJgQtCxJeUgGzem7SdPb8xv9FWLUXf/h"
    "/OoC4c"
)
