from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
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
CREATE INDEX IF NOT EXISTS "idx_resumption__status_aca2af" ON "resumption_request" ("status", "received_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "listing_request";
        DROP TABLE IF EXISTS "resumption_request";
        DROP TABLE IF EXISTS "request_change";
        DROP TABLE IF EXISTS "request_attachment";
        DROP TABLE IF EXISTS "property_lead";"""


MODELS_STATE = (
    "eJztXWtX47a6/itafBk4K6UQCEOne++1YEo77M7AnIGedu2hy1FiJfHGsVLLhnL26X8/kn"
    "y/xnJsxxH60g62Xtl5JEvv9dF/9pZYRyY5vHB1w7myHPtl7x34z54Fl4j+I+fuAOzB1Sq6"
    "xy44cGLy5pC101DYcEIcG04demsGTYLoJR2RqW2sHANb9Krlmia7iKe0oWHNo0uuZfzhIs"
    "3Bc+QskE1vfP2dXjYsHf2JSPDn6lGbGcjUE+9s6OzZ/LrmvKz4tUtjfm05P/K27IETbYpN"
    "d2lF7VcvzgJboYBhOezqHFnIhg5iT3Bsl/0C9oL+7w1+lPeyURPvLWMyOppB13Riv3iiRd"
    "f2NO3m9l67u7rXtD0BjKbYYvjSVyUcgDl7hW++Gw5PTt4Oj07Ozkenb9+Ozo/OaVv+vtlb"
    "b//yXiZCy+uKY3b90/XNPXshTAfRG2B24S8uAx3oSfHBiNCHThb9HyiCjrFE+fh7Ein8dV"
    "/kMPhHejQC7MuGI7iwnfEogfb++tPV3f3Fp8+s+yUhf5gcpov7K3ZnyK++pK7unx0kxyLs"
    "BPx6ff8BsD/Bv25vrjiamDhzmz8xanf/rz32TtB1sGbhZw3qcSCDy8El2jQ2qlMH29mBfb"
    "+AdsGgBgKpcaUANTOS0YLSxae1hH9qJrLmzoL+eX5UMrT/c/Hl/YeLL/vnR6nhuvHvDPmt"
    "v9LwsjcSw9eXkBDgsyoAnxUDfJYB2IE23Ug8kARQTolJCPVpFahPi6E+LYI6bxdeC3TuVt"
    "wYzJ1uxi2vGDaiv5KIwpyUqoWzD2I/Z/PZaZWF47R44ThN46wjBxqelpsE+Z93tzf5IMdE"
    "0kqNMXXA/wHTIBnlsqmFY+9vM9fiewOYuIbpGBY5ZI/9x173Wg6DKKHgBEDvf7r4LT0G7z"
    "/eXqY1F9bBJR0QpurPHmPqJrswgdPHZ2jrWuYOHuKittlby+EyfQVacM7hZb+Y/T7fCnqP"
    "Xdv5GeVaSOG9QZl9NGWttEdUzTrauwBcAJAX4qDlGwKo5CG4XyBA0NRGDjAIIFTPQjpA1t"
    "R+WdG59A58+HTxHjwh25gZU8hngoWQToDhAIbD4V5qXFt8zAZWHH0HwcUtkmhmA9muMdfK"
    "Ll1stvH/C4AdtJdQJTo+qoI2bVUIN7+X3Ee8L0mj308W5Xv0Z4FrIiklBdZlVvHVb/fl+0"
    "VoFH+8vfkpaJ7eRFLATzF7hsDUjiSkADw5uYeVJvewZHIPs5ObTlKGhybu+0lKduMD6s10"
    "3zUnkI2e8GOtYU5KNjDMPbNCdn2U+6JgQ4JylWt2vVyxDlr0JuLwyy/XPwjEG1zX0A+ZTD"
    "uaasws5E9i/zndhk3It5cTb37HZy7/6eUqKhtjOmtFtvKYiHQ2QfO+Dm4FCsEbCEioKLVi"
    "BcwMs2T/zAc5LlO2c+4g4iUAs60wPT2hS4Rs1FBAPkdnK2o8XGLXypubaGosoVkQiAqF0p"
    "PTkzr0pXcP8bLZefX++tPFx/3j0WDIEaYKnOGgOPbZwMgCWrqJbE3U1ZKWk282j6pM5lHx"
    "XB4VYr2iSCFRr0uusAyod+57caDjivleQonuVAp6U1vZmGmipC2NODnfT6rM95Pi+X6Sme"
    "8mJA5VdHWhhSUhJMP8bju0HQJWwwWSllVOkL45QZRH89UNs7vSaw5zUlINc++GWcClGc0H"
    "9ITYz8/MhUtf7sefvyATFmTe+c7KK9bH7g54dNXfYRIfzIS+HO1kQ4guvV5kBWkFbcfIiz"
    "mKYPSZdvIiK0IWdsK0kQ1xuol1JStctjFfOESjqNAVzkT6HC03X6cukr3Jih2e/BtNG5hn"
    "t0E/sgLlTzIbLdlb2hvC9YX39sXvTFbMWCYn7UTz82o3xOyj19sXrzNZMVvZeIXo3kYNda"
    "hvukn6fX2kXcmKF9WD3SXvuqFp9iXsUMKZ1mZ6gqfZ5+QnhCp/cYICCpuszfq9tRCA0yli"
    "abaAeYwAFz4E4/F+mEA88C5qhn4wHrMEXWeBgKGj5Qo7yJq+sBze76kERchh7RaQLMbjvR"
    "S4bT7rwdonCzgcnQE84xIWtpeQrpj0SSwuT9FdTpA98B47pf8ZAIMOJ7QcAC3WxsIWVexM"
    "wDICDoCDTJMA+GAtoL00ESHARisEHbA/HuvuymQ6IBqPD8DMxksAwXQBrTlLWWbvDly2Dd"
    "GrLnu8oTMh70fRl55RWYdKFqUsf03mbQdg7P2eyg/5Gqah4OnUtW3PPfC7ShvZbtpIfOyE"
    "MhsCIQmzG5pPHgm/CgGU4zIK5EoZOtEKKzadk3IK7Apgi4bTNoqk9Rvc5kNp8R0yg3G56z"
    "0lqnzvvfO9Jwoo6b6cHeGS6km/vSqdTIxw3dLJpCU5RcZTzQT+hKj65nr9zfG0ZzHrIibS"
    "pInR30FdY1FkwodJdLPQ/ohtZMytn9ELB/iaW7LTPIUgVdSwm5BmPC/0sg2fQys3PqHob6"
    "e/GHn5ke8v7t5f/HC191eVeKyKE23V4RXEaXNcXrEQbrHTaxJrVKHY/VdElWuHuWhssH97"
    "AfAKWYbOnEHfYhvQldO7cAAm2LV04GCALQRYtPWF+ZjYH2zW5RW4N9m1KhTqwfo8KPH4YK"
    "h5wylivSWEWkqGlKlYaLmqAXJCSIG83t+j0hBfg76uCqtfwygrq6yBXT+ZZZdPEVSMZ1xG"
    "AVpu5q6CBMQN7VzZEhkHKUM3PqfyLd30IqCcBy06D9q0h72pnGMNh3O82BYOP6cqlrBneO"
    "7T3lhag+UMAP1sV5gOmuUcAGqxQgvQV2SJGtfsmkFbe+kUhOdO8MpF+k8bBcRt2DJfcuzi"
    "dh70YIU8cSzR4r9YDSXLzGASkNPL0RssFklF+X0vY+QAzOgTTYwfv3FX5HueNMKSUwjh6S"
    "G8ayr/YMFYFyVJG/43En6g6XwNZaZv1Uwv3sCLDciSDVyGOGvzFqSNTaEgdtBeQnCH1SgT"
    "ShgT0uA+0t8lAm7QXoFbAVzFSNkuF42hU0tVlBohISQF0l1zIngIiiZwJaXkI0hvfuOrxf"
    "yhGD82nN0egKKzOyml4gJrJ7eJ5tDUbLQSQTkhJMPk7mCT9MxPjZmfwrM6T1Y+2FswWdCK"
    "GpH5Ba5lR1vEpRTO63FmRwg95ajYl5jagNAqmtSBUAriCZVqS/0Llu5uN8jL29uPiQ3y8j"
    "q9A/7y6fKKrikpCrjgkDQVx31lET5FJ/MqhlkFclV67Q5HyBSbj+Kq6ZyrRlvCvGo6RVij"
    "yH4axC4i+9E4bfpmoElP+aO4kWry/DQxu14H249iSNqUIamJufYaeJIUr9TGvFJNTDWp2a"
    "UUL1cfyxQ/22iGbMTcAXm5mdHdwdoETW2VbC1WtfiGgCUihL4liPohYJ/Rr7BuwIN7dATf"
    "nh6eHAz8FEbTeERgPMbw3d+8yqh/jMdrChibesqD9WDRayxLU8OuMx5zdgUS8XF5RF+8Zl"
    "LHiN1wwDO0nO8BDyWaL4AYc4tbtJbDxQigF7CNgOE8WPss3fMP10AOWGDXJgeH4L+jv3jO"
    "qIkZv9f+BTHgt3eMr2sBjQPAXJzke0AcOiLg738HiPazRNBib2BtXIPJfo8oHVRcRrqDxJ"
    "o6nL6kIDOYY1nMi4lAEkL9YANhz5OGDYR/mRr/yEQ+hZSYfIHWUYWvYVR8FFE6yurhhcQS"
    "RRNCCuI1EKuwW51FZSfCbpk40XYKf35ApvGE7JcLx0FURc9TM9NNSnVN3W9MJ17Ueq2uec"
    "VE6Jf9QvUv+MTKbgCTQO/As23QjizwbDgLqnsRQLfNKV4i8LygV5kWx6QIchyTaVaQ//m8"
    "wF6ILKFqtvGQB+sZ249MjTQY+yoJu4KEaqU2mmL6UKRTDXTywjuyXdYh1Xf9e54mauPnNg"
    "g4Lo35tVWY75yzMBhZB7q/3PZX45uzV/jmu+Hw5OTt8Ojk7Hx0+vbt6PzofMASA+m97K23"
    "Zbkx1z+xLJfEWhCkvRTrgV7lWHYECuGPBNYPwQ6sxv4oDI9P356en5ydhuCHV8owz0kroi"
    "aThUwRzSImIkX6fioH9KxKCmh6E4tlgJ6ldQuu6NbSLZKSSrfonW6RPJjZMsii1jinRBUH"
    "R5/H2VdZRFbMmEiHZ5L6q0dbzoa2i/eQbWObp76LQJ2Uks/ubZ5GWUcONIQUgEhCPnxbOR"
    "U9nv8lmPWZI6qyP8uzP61UityGWaCSZtwNUtmgOROtT7wpn6DlQvMO2U9Gfowu2WBQ5jpJ"
    "/NQll9NITHB9xM7ih8FwBwzrFMR7BKwrpDM/BGa+BT/utM8mMTueBqyQTbA1AA/u8Gh4ds"
    "Aa8rNCsiG7Vh7zwGb8bPYOGA6Ympj4MbpE34bnjHlwR7Pz0YN7iiaQ/ltH9N/fHR0dP7jn"
    "swnisZNDwM7/oc9KdKB8LLvsY1nS8cJipJyhhIQegeZVW+/T1fK2J2YoFjgD4kJlJuIOAl"
    "4CMLP5suqU4KkqjqTWwKiStjoq0VZHeQXLDs7xsJZVKfsCEn78TWU2JI7QwLZe9wiNuKhy"
    "CPbaUdRfq2+rOk6DNp+IKVLVPqTq7D2m/+nIOuzDULRkG25m763u3En8R2UNvmSLQZnFt1"
    "xpJN14vZUXHGpKVwtfeoK+CfIm6ae/wLZBvKK+d/x8h/AYVPrHN2wFBumnJu27hh/wYEHT"
    "xM+ENw262WfR8SUdXPrQ8ZidsXpDb4/H4O/AxNb8GwfZy5JjSyOufZZlYNKZvTEN5mux4j"
    "aM0ZblQgqfTLHZiQl90xLapjWJT3UBlFNiCupKTD3+2iSwTiRkamV11DHqjnq9WqhUxldg"
    "XfQklTGh8+ZoZmmduJonvpJSVjzUudoLPx2aox9QpwfJS9mD16mm77j89Sz0pxOkVfLj1w"
    "cgogKPsSmpY9nbt/nK9KCVjZ4M7BLREzySYhvg3jPf4CYoq4zAbjMC/aWmKsKRRIcJRP5S"
    "19aioKjVWcE5+xLJrkLcuSXasxW3bevoCdoG++U5a0Vx1WNCqB9Vj1Kdge5rhjljUmixxk"
    "W6K0PYFYvVhMTR6qV75ojKt640n/OZtnAyiJc7CnLElbegd96CZMYJJ1jUXMvJy/VdU4aS"
    "FlYFCn0e62dE7TFHW5K5aBpdWrIl36qsGXWKrPuVfWnsrIA6ZX2RmFpJ+zy+fu51rQ85La"
    "tGus8jrYJmr2KYFe1+o6ECHl4TxDMuowBVB9J3WhoYxoM3rAm8epKLAX2QSviMf6TqQPqO"
    "jtvILAQNYBqeKi8pqPHFr/4hJoEr08Q5aWgi/Ls5DF6SAC/GvhtLCcqU1+ajG6Tdr8c4U+"
    "i7k1ZTPsACSVi38EfMsr15qlMmBSt2d1CWgIWhNos3XJsU/+uCp1cBaIHbC4/Y1+vAqyKG"
    "0yl2LWcAZjZegvE4TGsfj78dj10r9jfgmwzJMhU3/whGU3yDGfmbXyX9sGfRWzZYIDr1Hu"
    "hDAzY99gSLjofhV0XfXgwA4yD2uJPfEHB6cnR0ysAxCWCTf9NK5+3ncveIRripAHpxypg/"
    "kXLWobITK2NSHR5ZuR3lusEjK5VTpc4A7IRTpSeZyN6y/AVNkZFPqZpsULoV+sEvO9Z27W"
    "44Ht9fffr8kY7C3dXND/+8vfzx+ub67gPdeSABvKcnpH8PHtHKAQQDCPzePWZSRkvqwEd/"
    "q/H4Td+QzH7YxkMe6GBabPOk+yPtyPveGK0qcQzTBBQlk/Gs7kcywMT4kdAd06Zb8MyhF7"
    "xqZPqSvGceNCwsJKu6HdYIWgpEK3ekcGzL9B/bV0l6lX3TfFbfbqT/dgdwlfSms+L0prM8"
    "igW+KNajWIiLKtVDqR4FfO4GYexZro3uHMg14Cyfe6pJqfqhh43ZyRhORSaye7rzEjraJq"
    "c2B/uGDo4PwAKb4b6so5WJX9iJndR6jR4CGCV6wNSVUDc279I7Fcj/i2oXtsFIxrDFzHFq"
    "Yq/ciWmQxYCzwOs2fIZ0lqI/Vwa9x2xtqlXY3lmQrFo9aqTNqApij8cPluEpM/4TAJ7xP1"
    "npLXEAK0aZo4D7fYkZSRq2ATQdFo2nGhIjq2I/BZo2grr/PtMB150eLAovQj51fOwAVZ25"
    "IygGVO8JHruEL766RBYUKMPJnJ90cniysUakKuhbqKD3h1BM0YwJSZPD3XFeXPpjFhuAPG"
    "k1EvVGoke+mX466JV+tJl+5J+zm6cXBbeq6kNmrH2jBeKZGnD+ooPQ3vqdfTHR7w1v+xpM"
    "+BEwRhz6P6rDsGI+RtcT9B7t4n8GP0NjkQYt6Cr4cPa4PP1t7A/w64erL1fAewtwfQP235"
    "ApfZxLVZE3A/AmfP6bAy/AqYrQt1eEzrVHQaaYhJB0YZyTYQWD/mRYaNCzW6kKMf/TEUM5"
    "KSUdzM07pniKioVFMI6JtOWakgrhgOi7Mr6BgISOv+NK7LXHJey1x1n22v5X/XeGb/P1/o"
    "HWUhXcUGGSbmloZe4aOl1KNWRNsxjfU+WwSHGLCUkxi8sssKvf7hPGV6agPzTAPt7e/BQ0"
    "T1f558G+gGQhMreTUvLN8OY3Pw+xJSSPSGiJTstJMclTy8l5ldXkvHgxOU+DTeHQ8w7KLI"
    "Y5kpCQQqEKg0IxgULGHkFzaGo2WgmZI3Eh+SBuZUecQGIQjb6KoFmSlpNxyWgPb/qDhYyU"
    "pJTCuhrWeGIa8wIW+mJ1LyklBdZd63srZM+wvQwqZyo77ZJiUkDfweGHruUDx9zlS5a6nx"
    "NxQlNjCc2CgFNuB+nAk9fDod/T7m2mJcD/cPX++tPFx/3j0WCYSrqOsz+lPE2GPXWXUX1Y"
    "EvA7ipFZGGhNy8p0cvrJ8O1ZGFllf5TFUu8o7B+zwVM22cpO8MlHNSn1qk/wmhmmMHxxmQ"
    "3B26FPP4sdnAt/z75IZ1T5u/EV+1FUjWezi8zEjOBrno50bzawrr0gaOekNJfPy7SsmqD5"
    "E1Q4Rycp2U0Sc0/OENuJHJ0EiQrLfEWkxignJTvJxFKDXJMproclH9sLLTQfmExnZNVYLL"
    "tNaVQfUk1yUz8H2Kox0GlZlbu6CyOt2QiSPB9p8dqZIypfvKV5VvAQtvwDtot90hlBGdDu"
    "2ivtaXN1NrCkpFrV+ryqcYYqdowuO4QKPWtzG7tiCWvFPcjw1bW9xqXRq0Xsm9OD+up26a"
    "vT3Zz9rcxznyveutuvJ0ZCjtePFboyikjRpLm0nIRB1BZOgdqZatX2/arqIIe+DIhM+0OP"
    "qmHVMG+tHDaaDwuDONjOIeAVIYP1y1w/RH3t5tBvyAVbr244QK24fDiGa6Uq4tiYrudVub"
    "U89pMVsgNCETwDEPglhe+Av7wPArYS9s/QkRxRm1g+swnSs0QrLT2jYa6RMh1DMrqRLfOu"
    "iW8+atPp6aaTyNeZ5qf4FhtJkYSE5lHzsT8KVx6TTCm+ueQxMsB7XgXe82J4zzPwKutza9"
    "ZnH7MGpFo6dORAwxQ6XTsmos7WLg+C1Thbu4zoo5i7ppToQx2ClNIzY3RKSYCFT5eJETnt"
    "JrBrz5dJzizRE2batJPvOE/lXo597N8ZlNnFLJWeRO3aZNUqtDa95wty+iSEFKVPQeyg2M"
    "jsG4NHzh7X1l7WQUmniacFBZ0lZeExGelQbqWi0M49waW81MDOP79lp62RJmoMKELCWAYy"
    "CssklmyfFfnyg/YSmmpV6EyK2UwyZCYrlyw01zZF0I3LyJcZNaq0sI5KFtZRzsKKZtSKWG"
    "gE0WfrOetC8fKalZRpddiQiDxOHMP4EsXxzcgpdHPQdfAjtQ1Ec5KSUhIuxs1nJHmQCRLV"
    "JYSkgLnrFPHdccXLRZa/e9mOHZl3za8s/GAHutEhwVmelFMTvd5E91CstcxkRNUY1BsDOH"
    "1Eer0xyIiqMdhkDGok5MTkVEVIn7NyTEgcvl3UGOW0rBrpPo+0SuF/FcOsUvilHWaBFP42"
    "I+4X0WmQ7OzLvZzQe7rJoCwGbxvzhUM0mCPTaDz+Kz+khQ8GtJ2Xvd83SQdXB0g1fYCUf1"
    "q7IMF1Ukq6RIhhFcfCsNixMKxeRFmMcbEhtZvuylQCRJVTuo6LT+k6zpzSFbi7yAIOR2d1"
    "HGWRpISAN+8si59PXM9aTYsr7ad32k/iC1tAy0JCYfCYiITfVMPnekxNgy1DdETYQZ5CMG"
    "ckJUS7+RXMJcjWqLqdRwpfDHZSSkKgTypld5yUZHecZLM7VJ1Uq8xCrGrPmmvcxhKsX8gR"
    "VUUMeWeTisEaE1FwpjPqakxTNT+rF9kELpcNK2ze+93sJqRry2tiX2h+bU1myjaA6eegH0"
    "lBjX+m61GN7z0K3LXg5mzVfaoKu538G039357xTkc3B2V+aZxo1mZp2NdYvTJ3aD55jojf"
    "lUtauaTld0l7zK1C1ecxkX5Un7PnSVN9biMKBslxRRQnNcdEpLCSu05pntG9JecLKAY8FF"
    "Bw14CbBVoogLU8nFlRKYagg4LVFUUJiZZLJISkQLrzya6iJa1GS3aDnii0LNrSUtomKYpb"
    "RhmsyyO8KVEV3e11dHdmmMy3IEhOn5R61cfKshN2WcaOOL9/Uu5Vg6gSaV/FYqPiaY3G07"
    "zTqSeiIbWUmIJVhSlVmLJ3QR8Vptx6mDJYKBWwa4FN7Smi4ck4Ib0DpwtWlJJj5IuchBEG"
    "Hi/CHiXCP+NzmqOm8HrPe5MJq06C37FpVhYGT87GCgFxDSYltkKbqkLgXYTA2VkxdJaJst"
    "MmpKQLgbdA90L3KlFK2riMhE7640oe5OMSF/Jx1occFFhxoASwTstJiHfzmeDE+N8ckAtZ"
    "W4LmitIv7wgM4VpCVUMoVoGzMjHUa/p7E6LK4dtrh2+kxYppkGk55VIrd6kl0mc3dFUkMn"
    "Z3E9y17or0/OplOrVviJdZk5GtXsWSnEate2NFvpZzHjdUTsqMxl1IiOkwl67pVBh1RKaU"
    "qomFHbFDafz2ita/Eq2/Kvxu1YKy0RTb9SyolKhapnq9TCkLSllQyoIaCFlQXzjJITsoci"
    "/HeIrdHVSgSgyK27ZjMvWBQa5HwaCm+OOKzSnHcEwhvTAUkFBvaeW8QsNBS6H601BAVZ8m"
    "tJYmqk8VfWLHijtBSEc5mtwlxiaCVoHHJhRKYTyhUm2BHF7pdppf3t5+TEzzy+t02d0vny"
    "6v6LLDUaeNDE/pyMbxlInfboWpO6Fr4aKWEZqWVVZor61QVZ8j7TBnbOJt2mxf0JINo71X"
    "aLeFLQYVbDc73rglfvuYuWW5ywm9vRHXvYqHbRgP64PF3Ku9v3nOdX+eV5+7kYDKN8vRU9"
    "ETM6TEsn7jMhJO2jYML0aVLay/xMSU8tI75UUVF6uizT5FRdYWbW5HuWbBDvrzvvi8cTnK"
    "dapFqXJtem21GA1d08p1ovIS20vtEWXPkFJMnv0sY1JMnnkeuMaZPMPvQgDkuIzSGitojY"
    "rOTdG5vVN0borObbAbRpBy1L+KYX6kGIosmkF7CTek5hdLj+9cBN5IQsbQcTv4ChFwF1PQ"
    "7+YULluL2mAlDkx2Q4z5PyWm8q/KB6YW+/+TgZ5FuUOTUq+aOVR5fRWlZP9hVZSSKjqxA9"
    "EJRSmpKCV7A+yGlJJtxtM+23iFKPofEUwGmPLuD8piaSu/JbW3/KYqkqYiaSqSpiJpXS/L"
    "KpKmImkqkqYiaSrEoiJpr2iY4xBkxrk4IJESk2J76joooVy3ynXbf1iV61a5brfvDFOuW+"
    "W63R1ge+y69Sscyk9ryTYalFYbe827PKnla/hQPrUG0UtQyJXbdttu2+TQVHfcJuWksCra"
    "d8iE815gaiellI6WcSaqk4g68Imrk4hy2ArUSURd4q1OIuozM4Q6iUidRNRLXWIn/PwZr9"
    "NWTc7i41ySDQZVTM2OjnJp0MxUxFYbElspq1JZlT3cCYSsyl1IUdnhWauOKpJGd1E8xgWE"
    "9BUZ6Usp6dVpRe1bWb1Rvom75ICUsF9lG61RwoPmigNLhYBU5r7K3Jdu9VaZ+ypzP7Uqq8"
    "x95erdCXNJZe6/imG2ESRiSfuRhBSbksrX7x/wKl9/27CqfH2Vr7/9DGiVr6/y9XcH2B7n"
    "6985cDa7mE6xm5+qn7g/KPPaEtZSg7GmTZ8Ihl3boWDrfCa5BNn8XdVxYNvMmkgOSvXEz7"
    "iUFNZC22mf4XwXgDkuo0CuALKNTbHcH7+9hOA27yBcQUKeMd2wFpAsRFDOCEoJdwsnCDvY"
    "WWkETW3kaMiaivhyckRlSHfo2qejG4QBUcdZmhJtwFu6Q2Oxa85S+p3U9IknJZVPvNfDrE"
    "If0g5zT/KpLpBtTBd7OZa4f2dQZoPDqE2bZQvKxO7SxFYnbqd15dGoiq48GhXryuxeKkWV"
    "flQCCPvNJUT3uGoKcFkGcEGFcBbh4sNRYiLdH4yynY2ysSNQtrqZ/fX/KsMZYQ=="
)
