from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "staff_account" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "court_code" VARCHAR(40) NOT NULL,
    "username" VARCHAR(40) NOT NULL,
    "role" VARCHAR(20) NOT NULL,
    "password_hash" VARCHAR(200) NOT NULL,
    "totp_secret_enc" TEXT,
    "disabled_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_staff_accou_court_c_95861c" UNIQUE ("court_code", "username")
);
        CREATE TABLE IF NOT EXISTS "notification_manual_service" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "method" VARCHAR(20) NOT NULL,
    "served_on" DATE NOT NULL,
    "note" VARCHAR(500),
    "actor" VARCHAR(80) NOT NULL,
    "recorded_at" TIMESTAMPTZ NOT NULL,
    "notification_id" UUID NOT NULL UNIQUE REFERENCES "notification" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "notification_manual_service" IS 'An undeliverable notification served by other means (post, in person, …) by court';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "notification_manual_service";
        DROP TABLE IF EXISTS "staff_account";"""


MODELS_STATE = (
    "eJztXWt32zaa/is4+hJ7j+LasmW76cycYydu42lid2N32zN1DgWRkMQxRagEaMc72/++AO"
    "93ERIpUTC+JBaJh5cHIPDe8Z/eHBvIIgcXrmHSK5s6L7134D89G84R+6PgbB/04GIRn+MH"
    "KBxbXnPI22koajgm1IE6Zacm0CKIHTIQ0R1zQU1ss6O2a1n8INZZQ9Oexodc2/zTRRrFU0"
    "RnyGEn/vjKDpu2gb4hEv5cPGoTE1lG6plNg9/bO67Rl4V37NKcXtv0R68tv+FY07Hlzu24"
    "/eKFzrAdAUyb8qNTZCMHUsTvQB2XvwF/wOB9w5fyHzZu4j9lAmOgCXQtmnjjsRYf62naze"
    "29dnd1r2k9AY50bHN+2aMSj4Apf4S33w8Gx8dng8Pj0/PhydnZ8PzwnLX1njd/6uwv/2Fi"
    "tvxLeZxd/3R9c88fCLNO9DuYH/jLw0AKfZTXGTH7kObZ/8AYpOYcFfPvIzL8GwHkIPwj2x"
    "sh91XdER7YTn9UUHt//fnq7v7i8y/88nNC/rQ8mi7ur/iZgXf0JXN073Q/3RfRRcBv1/cf"
    "Af8J/nV7c+WxiQmdOt4d43b3/+rxZ4IuxZqNnzVoJIkMD4eHWNNEr+oUO/mOfT+DTkmnho"
    "BMvzKCmunJeELZxKc1h980C9lTOmM/zw8ruvZ/Lr68/3jxZe/8MNNdN8GZgXfqryy9/InE"
    "+A0QEhJ8Wofg03KCT3MEU+iwhcQnSYDlDExCqk/qUH1STvVJGdVFq/BSoguX4sZo3uhi3P"
    "KM4SD2lkSU5jRqJZ4DErs5mk9P6kwcJ+UTx0mWZwNRaPpSbprkf97d3hSTnIBkhRpTp+D/"
    "gGWSnHDZ1MTR+9vEtb21AYxd06KmTQ74bf/R27yUwylKCTgh0XufL37P9sH7T7eXWcmFX+"
    "CSdQgX9SePCXGTHxhD/fEZOoaWO4MHuKxt/tR8MM8egTacevTyN+bvF2hB77Hr0J9RoYYU"
    "netX6Uc6b6U9onraUe8CeABAXghF8zcEMOQBuJ8hQJDuIApMAgiTs5ABkK07Lws2lt6Bj5"
    "8v3oMn5JgTU4feSLARMggwKeA8HPQy/dribdbQ4tgzCE5uMaKZBWS7ylwrq3S52ub9L0B2"
    "2F5CkejosA7brFUp3d659Drif0ka+37yLN+jbyWmiTRKCq6rtOKr3++r14tIKf50e/NT2D"
    "y7iGSI1zG/h8DQjhFSEJ4e3INag3tQMbgH+cHNBinnQxO3/aSRm7EBdWa475oRyEFP+HGl"
    "bk4jG+jmjmkhu97LXRGwIUGFwjU/Xi1Yhy0643H49dfrDwL+Btc1jQOOaUdSTaiF3p34Py"
    "fb0Am95eXYH9/Jkeu9erWIyvuYjVqRpTwBkU4naN7W4WmBQvSGAAkFpVa0gIlpVayfxSQn"
    "MVUr5w4yXkEwXwqzwxO6REhHjQDyGTpbEePhHLt20dhEujmHVokjKgJlB6ePOgjQu8d41e"
    "i8en/9+eLT3tGwP/AYZgKcSVGS+7xjZAZtw0KOJmpqyeLkG83DOoN5WD6Wh6VcLxhTSNTq"
    "UgiWgfWN214opK6Y7SVCbE6kYCe1hYO5JErakojT4/24zng/Lh/vx7nxbkFCmaBrCE0sKZ"
    "AM47tt13ZE2AomkCxWGUG6ZgRRFs1X183uwlixm9NI1c2d62YBk2Y8HtAT4q+fGwuXAe7H"
    "n78gC5ZE3gXGyit+jd3t8PhosMKkPpgxezh2kTUpuvSvIitJC+hQs8jnKMLRL+wiL7IyZG"
    "MahY2sydNN4lKy0uWY0xklGmOFzXAWMqZovv48dZG+mqzc4fG/kd7AOLsNryMrUcEgc9Cc"
    "P6WzJl1fvKt9CS4mE2dtOkB92aHAAxoJFeUuUBQ1WRpXeGsjAHUd8UA+wHVS4IEPwGi0F4"
    "Uo9v2Dmmnsj0Y8BJDOEDANNF9gimz9hUcJ/sAQjCHK280gmY1GvQy5bd7rwd4jMzgYngI8"
    "8RA2dubQMgm7E/f8MXbnY+T0/dvq7J8+MFl3QpsCaPM2NrbZ0mEB7nPcBxRZFgHwwZ5BZ2"
    "4hQoCDFkybA3ujkeEuLL7KoNFoH0wcPAcQ6DNoT3lQJH924PKBzo66/PamwUH+S7GHnjAs"
    "ZciyoMg/0pGhIRm9rxkP9B+Roxvruus4vgLyVTmmt+uYTvadkO80BEnoP23ePR19FQIsJz"
    "GK5FoxAPEMKzac0zhFdg2yRQ32a9nqu01u88b65AqZ47jauJeBKute56x7qRQtti7ne7gi"
    "Pytor5Kzqh2+NZOz0hHCOjKfVgwRTkHVN9fpb84LrBTTLhKQJlWM7nbqEo0i56BIs5un9k"
    "fsIHNq/4xePIKvPU1WLxIIMmHTu0lpzvLCDjvwOdJykwOKvTt7Y+RHYL2/uHt/8eGq91cd"
    "j4+yRG/V4BV6ggpMXgknUbnRa5xoVCOd9jfEhGvKTTQO2Lu9AHiBbNPgxqDvsAPYzOkf2A"
    "dj7NoGoBhgGwHuz3nhNib+g4+6ohTaJi+tUhE6MD/3Kyw+GGp+d4pobylQS+FWMqUjzBcr"
    "kJwCKZKX23tUoNNrkNdV6uZr6GWllTWw6qfjeIqLkJTzmcQoQqvV3EUY4rSmnitbqFQ/o+"
    "gmx1SxppudBJTxoEXjQZv6sD+UC7ThaIyX68LR51RHE/YVzz12NR7WYNM+YJ/tArNOs+k+"
    "YBortAF7RB6occ2Pmay1H05BvNgJLzeK/emgsDQUtq2XAr24nRs92FElKh5o8V88S4tHZn"
    "AE9ApYsRPcF8mg3nk/YmQfTNgdLYwf37oLUhGNEQz+6MvLBmIo/Xur+nf5ylyuGVaszDI4"
    "UJtXDR1sCXmnw/YSkjuol21dkWydJfeRvZcIuWF7RW4NclUxu3bLWJgGU0FFs6pTICmY3n"
    "Q6tc+gaGRWGiVfbeXmF76VigaoYgFrjm6fQNHRnUYpg//SwW2hKbQ0By1EWE6BZBjcG1gk"
    "GVtMoSnO06qq0J5EyUd18wOa74TxVCDuXWKmj0C7mOYYlKF4zFBtiSLhNLLZyfry9vZTar"
    "K+vM7Oxr9+vrxi4ztTySjc60c5C1+ZG0lVRXgV3ay8hSqGc4fdMKoohSq5sPGSC9ocFqVs"
    "qboLqmZFKzUrNK/673qkSV+5QpX42FL0/i8OmiAHcQGmKGQhPttfGregLdKtxYL53xAwR4"
    "SwpwTxdQjY41nJ/DLgwT08hGcnB8f7/SA4wDIfERiNMHz3Nz9g+B+j0ZK4/qbu8mA/2OwY"
    "D17QsEtHIy/pkMRlKvz6F14qgYERP0HBM7TpD8AzxFkvgDAh0luDberBCGAHmGwJTPpg7/"
    "EoiD9dE1Eww65D9g/Af8e/vFAKC/OyF3sXxITf3fEyFjNo7gOulJEfAJNJHQr+/neA2HXm"
    "CNr8Cey1UxP4+4hWSUhipKvg39SukBV5CuEYy3Nenh+bAnUjSZbfT5okWe/L1LyPTORTyM"
    "DkMw0Pa3wNw/Ia4Fm7sM8XEguzSIEUxUsoVobCVSaVnTAU5ixb24mH/YAs8wk5LxeUovmi"
    "sDRatkmlrGkEjdnAi1svlTWvOIR92S9M/oJPPBoVcAR6B54dk13IBs8mnTHZiwC2bOp4js"
    "DzjB3lUhxHEUSpxSUr6P18nmHfqJcSNdu4yYP9jJ1HLkaavCgZiS4FCZNKHaRjdlNkMAl0"
    "/OJdyHH5BZm8G5zzJVEHP7eRl3ppTq/t0mihgonBzKv8wXTbXYlvyh/h7feDwfHx2eDw+P"
    "R8eHJ2Njw/PO9ztzo7lz91VuXNu/6J++VSc0HoqKvY3dULqM73QCn9MWB5F+zAbBz0wuDo"
    "5Ozk/Pj0JCI/OlLFeYEjlKlMNrJEJIsERIrgt0wExWmdAIrsIpaInzjNbZjLBd2VZIs0Us"
    "kWnZMt0jui2SaZrdTPGahKTe1yPwcii8iMmYBscDOgYPZoy9jQdug7chzsaLpgYcE0Sj69"
    "t/nqggai0BQSAGKEfPy2sh1h0mMtGKdSAFXxKtXxKnbGqb9m3IqkMQL9TPxKwUDrUjrxZ2"
    "i70LpDzpNZ7KNLN+hXmU5Srzr3cBpJAJd77GyvRrpngOEXBckrAn4pZHA7BOa2hcDvtMcH"
    "Ma/aDhbIIdjugwd3cDg43ecNo+2H0y67Vm7zwEf8ZPIOmBToFiaBjy51bdM3xjy4w8n58M"
    "E9QWPI/jYQ+/v7w8OjB/d8Mkae7+QA8LL47F6pCygbyy7bWOasv7BYraoIIaFFoHnR1v90"
    "taLlqXz37BToVW+fzWYawWLjVFJtYFhLWh1WSKvDgs2zdYoLLKzl/EYACT/+piIbUpWlsW"
    "OsWlk6CVUGwU4birqr9W1VxmlQ5xNRRerqh0ycvcfsnw1ph13oipZ0w/X0vcWdO06+VF7h"
    "S7foV2l884VGso2Xa3nhXl9stgjQY/Q2jJtkn/4MOybx0xDeeWWPo93B2I+3fAYG2bum9b"
    "uGb/BgQ8vCz8RrGl5mj3vH56xz2U1HI7712A07PRqBvwML29O3FDnzit284hK0PMrAYiN7"
    "7SJSr0WLW9NHWxULKVyweb1Cwl2TEtpOxE4OdQGWMzBFdZ3SXOHcJDBPpDArRXWsotQddn"
    "q2UKGMr0C76EgoY0rmLZDMsjJxPUt8LaGsvKsLpZdoJ9moomgYvJTfj5RJ+tT1Hs9G32gY"
    "VuntStoHcSHNRP0HtVtp+zpflRy0cNCTiV0iWtg6DVuD947ZBtdhWUUEbjYiMJhq6jIcIz"
    "YYQBRMdW1NCqowKZuKMP8Sya5SvHFNtGMzbtva0RN0TP7mBXNFedZjCtSNrEeptgYNJMOC"
    "PinVWJOQzaUh7IrGakFCtdXCPQug8s0rzcd8ZjWcHOPVhoICuLIWdM5akI448UpCaa5Ni2"
    "J9l6ShZMEqQaHLff2MmD5GtTmZiobRZZEt2VZljahT5UVf2ZfGqxuvktYXw9RM2uX+DWKv"
    "V/qQs1jV013uaeU0exXdrAoFN+oq8NxrgnwmMYpQtU/rRlMDI3/wmjmBV09y1WztZwI+kx"
    "+p2qd1QwXCcxNBA5yqDYXLQ2RyFn3NwgVhaCJ1dwsqeElCvFj13URIUC69tpjdMOx+Oce5"
    "RN+d1JqKCRYIwrqFP2Ie7e2FOuVCsBJn+1UBWBhqk2TDpUHxv8288Cq+1/HthV/Y17+An0"
    "UMdR27fGvkiYPnYDSKwtpHo+9GI9dO/AbeIkPylYqbvwUvU3yDefG3IEv6oWezUw6YITb0"
    "HthNw2p6/A426w8zyIq+veh7OzH7tZPfEHByfHh4wsmxCOCDf91M5+3HcneojHBTDvTykL"
    "FgIBXMQ1V7bCVQG9xkazvCdYObbCmjyiodsBNGlY5EIvvT8hekI7O4pGq6QeVSGDi/nETb"
    "pavhaHR/9fmXT6wX7q5uPvzz9vLH65vru49s5YEEeFd6QsYP4BEtKCAYQBBc3a9MysuSUv"
    "gYLDV+fdM3JLcetnGTB9aZNl882frILuR/b7ysKqGmZQHGksXrrO7FGGBh/EjYiumwJXhC"
    "2QE/G5k9pHdlz2lYmkhWdzlcwWkp4K3ckcSxLZf/2L5I0qnom+aj+nYj/HdzBNcJbzotD2"
    "86LSqx4E2Kq5VYSEKV6KFEj5J67ibh1bNcB91R6EnA+XrumSaV4ocRNeY7Y9Calcju2cpL"
    "WG9bXmlzsGca4GgfzLAVrcsGWlj4he8xxrTX+CaAl0QPK3WlxI31L+nvChT8YtKFY/IiY9"
    "jm6jhTsRfu2DLJrO9VgTcc+AzZKEXfFiY7x3VtJlU4/u5VPFs9bqRNmAjijEYPtukLM8Ed"
    "AJ54P3nqLaGAJ6NMUVj7fY55kTTsAGhR7o1nEhIvVsVfBVoOgkbwPHrfk50ebEYvQkHp+M"
    "SWbwY3RzAOmNwT3nYOXwJxicwYUSbN7Z90fHC8tkSkMuhbyKAPulBM0EyApInh3nBcXPZj"
    "FuuAIrTqidV6okO2mW4a6JV8tJ589Mlka6NHc04uCk/VlYesRPtGE8RzOeDeg/Yjfesr/2"
    "Li941OBxJM9BHwijjsPybD8GQ+b/vO4OrxKv4tfA2Nexq08FLhh9Pz8Ozd+A/w28erL1fA"
    "fwpwfQP23hCd3c5losibPngT3f/Nvu/gVEno20tC96RHwUoxKZB0bpzjQQ2F/nhQqtDzU5"
    "kMseDTEWM5jZKO5uYNU16Iio1FOE5A2jJNScVwWOi7Nr8hQELD31Gt6rVHFdVrj/LVa7uf"
    "9b8xfpvP9w+llrrkRgKTdFNDK2PXNNhUqiFbz3N8z4TDMsEtAZJiFFdpYFe/36eUr1xCf6"
    "SAfbq9+Slsns3yL6J9BslMZGynUfKN8OYXP5+xOSSPSGiKzuKkGOSZ6eS8zmxyXj6ZnGfJ"
    "ZnQYRRtlltMcIyQsoVCngkJ5AYWcPoKm0NIctBBSR5Ig+ShuZUUcQ2ISjT2KoFqSxck4Zb"
    "THN3thISUljVJc1+Majy1zWlKFvlzcS6Ok4HrT8t4CORPszMPMmdpGuzRMCuo3sPmhawfE"
    "cXP5nIfuF3ickG7OoVXicCq8QNbx5F/hILjS7i2mFcR/uHp//fni097RsD/IBF0nqz9lLE"
    "2mo7vzOD8sTfgd48gqdbRmsTLtnH48ODuNPKv8R5Uv9Y7R/invPOWDrWoHn2JW06hXvYNX"
    "4MDSvEBiEQ5zwDVp3KFJoIBF5JjY0F4QdAqiSas/8Sx2Y2X0d+MLj8aZcHhEGrmZ+NGObN"
    "+0E+ERqfoVPOgQkRV6OY3cSBCM6uQVi3R1MNp+e1bd5n1C2WCYFSbLzUaTqQ9pxbqSQfil"
    "vUJHZ7EqbHAXelpzECRF5qnyubMAKp+pu/mCzBFtxXsbl5sDc0AZ2N60QdCX5lZZwNJINa"
    "t1eVbjyTm8rJWooz+Lk9Dw28LOFTuTYdO+QUIVn+5Kh8g0nXUog0d189ZSeOLxMDMJxU5B"
    "0UCRAnZBas7H+Fq72fVr1q9bLdcpZK085SnBa63Mp0SfLs8Fv7X9jO0FcsIkaDwBEARpEO"
    "9AML33wwxr/mdkgYnTse0gGxsZ+eTwlu7RcH50lYwhWYr0lmvFiC8+atHp6KKT2uJMLw5L"
    "KleSYoSE6lHzRnNGV1H2eyW/hQnvMtB7Xofe83J6z3P0Ku1za9pnF91tUk0dBqLQtIR2BE"
    "1A1H6g1dbjFfYDrUpOLs+3r0xOVhs3ZOTMRAmINMHCFfETxSd2k9ilNfHTI0u0Kn6bevKd"
    "V1urV6AfB2f6VXqxhQyNxO3arARSqm369xesQ5ACqTIEJb6DciWza1nHBWtcW2vZBtJQLK"
    "yXJKFUpLIlMNKx3EoWhFNYdb46Rtcprjm/09pIE8G5jCFhLkOM4jLN5Vxww/X5Orusd47H"
    "tBmijhWi3AiRj4skM811CnbbrqoLFWNkCORJEzysNbEOKybWYcHEiiZMi5hpBLF7GwXzQv"
    "n0mkfKNDusWTw1mezOazyJ85vDKXYL2KX4kekGojFJaZSEk3HzEUk+ZYLFdVIgKWjedGzl"
    "7pji5Srwu3vRjhtS75qfWbxi1GyhQ4KjPI1TA321ge6zuNI0k4OqPlitD6D+iIzV+iAHVX"
    "2wTh+sEJCTwKkEhi5H5ViQUG+5WKGXs1jV013uaRXC/yq6WYXwS9vNAiH8bXrcL+IdrPh+"
    "Xb0C13u2Sb/KB++Y0xklGizANOqP/8MrLO91BnToS+/rOuHgatOLpje9CHaYFSzKmUZJFw"
    "gxqGNYGJQbFgb1kyjLOS5XpHbTXJkJgKizs8hR+c4iR7mdRUJzF5nBwfB0FUNZjJSQ8OaN"
    "Zck9FVfTVrNwJf10TvpJfWEzaNtIyA2egEj4TTVci1y3TD4NsR7hm48J0ZxDSsh28zOYS5"
    "CjMXG7qJBtOdlplIREH9eK7jiuiO44zkd3qDypVssO8aw9e6p5OpZg/kIBVCUxFO2nJkZr"
    "AqLozEbUrTBM1fisn2QTmlzWzLB5H1xmNyldml6T+EKLc2tyQ7YBTn8JryMpqcnPdDmryb"
    "VHkbuU3IKluktZYbfjfyM9ePecdTo+2a+yS+NUs3Y3iY7zlT2D5pNviPiqTNLKJC2/SXrq"
    "YLcwDLw8+zwB6Ub2Ob+fNNnnDmJkkAJTRHlQcwIihZa86ZDmCVtbCr6AcsIjgKJ7Bbq5o4"
    "URuJKFMw+Vogs2kLC6YCwh0XSJFEgKpjc+2JW3pFVvyW6UJ4o0i7aklLaLFCU1oxzX1R7e"
    "DFR5dzvt3Z2YFrctGG6B5bB8G7c06lVvhcd3BeQRO6IUZnGvmkQVSPsqJhvlT2vUn8ZmYT"
    "byx6IutQxM0arclMpN2Tmnj3JTbt1NGU6UitilxGbWFFH3ZLIgPYX6jCelFCj5IjthRI7H"
    "i+iKEvGfszlNUVN8vfeuJhNXG3F+J4ZZlRs8PRprOMQ1mEZspWyqcoFvwgXO94pho0y0Om"
    "0KJZ0LvIVyL2ytEi1Jm8RIaKQ/qmVBPqowIR/lbchhgpVHlADXWZyEfDcfCU7M/y0gubRq"
    "S9hclfQr2gJDOJdQ5RCKZeAsLAyNFe29Kagy+Hba4BtLsWISZBanTGrVJrVU+OyapopUxO"
    "5ukrvUXJEdX50Mpw4U8SptMtbV62iSety6M1rka9nncU3hpEpp3IWAmA3G0jUdCqO2yJRS"
    "NLExFduUJmivyvrXKuuvEr9b1aAcpGNnNQ0qA1XTVKenKaVBKQ1KaVB9IQ3qi1fkkG8U2S"
    "tQnhJn+zVKJYbJbdtRmbpQQa5DzqCm6seVq1PUpJaQXBgBJJRbWtmv0KRoLpR/GgFU9mlK"
    "amki+1SVT9yw4E4QMlCBJHeJsYWgXWKxiUAZjscM1RbJ0ZHNDvPL29tPqWF+eZ1Nu/v18+"
    "UVm3Y81lkj0xc68n48peK3m2HqjtlcOFtJCc1ilRbaaS1U5edI2805nXibOtsXNOfd6PRK"
    "9baoRb+G7uYkG7dU3z6hbtnufMxOr1XrXvnD1vSHdUFj7tTa33zN9WCc1x+7MUDFmxXIqe"
    "iJK1JiUb9JjISDtg3Fi5fKFpZfEjAlvHROeFHJxSpps0tekaVJm9sRru8onEwudB27xdlJ"
    "qfOVgjXhLTWYaNq0WI1dhzKiDW+Y8KL73rMqmXqbMnW6U+pbiJMoCYWU5rM4ovEuQHMSo0"
    "iuQbKDxTx8YXsJyW0+WnIBCXnGbMES3bc+B5SS7hbM8BTThUaQ7iAqWu6xACqD76NKq2mj"
    "5qNhEk7EKubxDFTt6txpDVPt6vwaulk5u6Tt5o44uy6QY+qzXoEmHpzpV+ngMG6j0rg2Js"
    "gpt9WGZeXhsI6sPByWy8r8XCYrhX1UAgwHzSVkt5XIziAkMM9weWxnArL56M7tLJSNxXFu"
    "dTH76/8B3lNk6g=="
)
