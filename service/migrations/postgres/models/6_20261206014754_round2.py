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
COMMENT ON TABLE "notification_manual_service" IS 'An undeliverable notification served by other means (post, in person, …) by court';
        ALTER TABLE "party" ADD "access_code_hash" VARCHAR(64);
        ALTER TABLE "disclosure_listing" ADD "deletion_review_at" TIMESTAMPTZ;
        ALTER TABLE "disclosure_listing" ADD "age" SMALLINT;
        ALTER TABLE "disclosure_listing" ADD "deletion_review_ground" VARCHAR(40);
        ALTER TABLE "disclosure_listing" ADD "filed_at" DATE;
        ALTER TABLE "disclosure_listing" ADD "deletion_review_due" DATE;
        CREATE INDEX IF NOT EXISTS "idx_disclosure__deletio_be822c" ON "disclosure_listing" ("deletion_review_due");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_disclosure__deletio_be822c";
        ALTER TABLE "party" DROP COLUMN "access_code_hash";
        ALTER TABLE "disclosure_listing" DROP COLUMN "deletion_review_at";
        ALTER TABLE "disclosure_listing" DROP COLUMN "age";
        ALTER TABLE "disclosure_listing" DROP COLUMN "deletion_review_ground";
        ALTER TABLE "disclosure_listing" DROP COLUMN "filed_at";
        ALTER TABLE "disclosure_listing" DROP COLUMN "deletion_review_due";
        DROP TABLE IF EXISTS "notification_manual_service";
        DROP TABLE IF EXISTS "staff_account";"""


MODELS_STATE = (
    "eJztXe1X4za+/ld08mXgngyFQIBOd/ccmKEdtjPQO9Dbni1zHCVWEi+OlVoyDHdv//cryS"
    "/xe6zEThyhL+1g65GdR7L0e9d/OjNsIpscXHimRa8c6r503oH/dBw4Q+wfOXe7oAPn88U9"
    "foHCoS2aQ97OQFHDIaEuHFF2awxtgtglE5GRa82phR121fFsm1/EI9bQciaLS55j/ekhg+"
    "IJolPksht/fGWXLcdE3xAJ/5w/GmML2WbinS2TP1tcN+jLXFy7tCbXDv1RtOUPHBojbHsz"
    "Z9F+/kKn2IkAlkP51QlykAsp4k+grsd/AX/B4PeGP8p/2UUT/y1jGBONoWfT2C8eGotrHc"
    "O4ub037q7uDaMjwdEIO5xf9qpEEDDhr/D2+17v+Pisd3h8et4/OTvrnx+es7bifbO3zv7y"
    "X2bBlt+V4Oz6p+ube/5CmA2iP8D8wl8CAyn0UWIwFuxDmmX/A2OQWjOUz7+PSPFvBpCD8B"
    "/p0Qi5LxuO8MJ2xqOE2vvrz1d39xeff+Hdzwj50xY0Xdxf8Ts9cfUldXXvdD85FlEn4Lfr"
    "+4+A/wn+dXtzJdjEhE5c8cRFu/t/dfg7QY9iw8HPBjTjRIaXw0usaWxURxS72YF9P4Vuwa"
    "CGgNS4MoLqGcnFgrKJT2sGvxk2ciZ0yv48PywZ2v+5+PL+48WXvfPD1HDdBHd64tZfaXr5"
    "G8nxGyAUJPi0CsGnxQSfZgim0GUbiU+SBMspmIJUn1Sh+qSY6pMiqvN24aVE527FtdG80c"
    "244RXDRexXElmak6iVeA5IbOdsPj2psnCcFC8cJ2meTUSh5Uu5SZL/eXd7k09yDJIWaqwR"
    "Bf8HbItkhMu6Fo7O38aeI/YGMPQsm1oOOeCP/Udn81IOpygh4IRE732++D09Bu8/3V6mJR"
    "fewSUbEC7qjx9j4ia/MISjx2fomkbmDu7horbZW7PeLH0FOnAi6OW/mP++QAt6jz2X/oxy"
    "NaToXrdMPxrxVsYjqqYddS6AAADyQiiavSGAIQ/A/RQBgkYuosAigDA5C5kAOSP3Zc7m0j"
    "vw8fPFe/CEXGtsjaCYCQ5CJgEWBZyHg05qXBt8zBpaHHsHycVtgahnA9muMtfILl2ston/"
    "S5AdtldQJDo6rMI2a1VIt7iX3Ef8L8lg30+W5Xv0rcA0kUQpwXWZVnz1+335fhEpxZ9ub3"
    "4Km6c3kRTxI8yfITG1FwglCE9O7l6lyd0rmdy97ORmk5TzYcjbfpLIzdiAWjPdd80I5KIn"
    "/LjSMCeRNQxzy7SQXR/ltgjYkKBc4ZpfLxeswxat8Tj8+uv1Bwl/g+dZ5gHHNCOpxtRC8S"
    "T+n5Nt6IRiezn253d85oqfXi6i8jFms1ZmK49BlNMJ6rd1CC1Qit4QoKCg1IgWMLbskv0z"
    "n+Q4pmzn3EHGSwjmW2F6ekKPSOmoEUA9Q2cjYjycYc/Jm5toZM2gXeCIikDpyemjDgL07j"
    "FeNjuv3l9/vvi0d9Tv9gTDTICzKIpzn3WMTKFj2sg1ZE0taZx6s7lfZTL3i+dyv5DrOWMK"
    "yVpdcsEqsL5x2wuF1JOzvUSIzYkU7KYxdzGXRElTEnFyvh9Xme/HxfP9ODPfbUgoE3RNqY"
    "UlAVJhfjft2o4IW8EEksZqI0jbjCDaovnqhtmbmysOcxKph7l1wyxh0lzMB/SE+M/PzIXL"
    "APfjz1+QDQsi7wJj5RXvY3cHfHE12GESH8yQvRzrZE2KLv1eVCVpDl1q5fkcZTj6hXXyoi"
    "pDDqZR2MiaPN3EulKVLteaTCkxGCtshbOROUGz9depi2RvqnKHh/9Goxrm2W3Yj6pEBZPM"
    "RTP+lu6adH0RvX0JOlOJsyYdoL7skOMBjYSKYhcoiposjSu8dRCAoxHigXyA66RAgA/AYL"
    "AXhSh2/YuGZe4PBjwEkE4RsEw0m2OKnNELjxL8gSEYQ5S3m0IyHQw6KXKbfNaDs0emsNc/"
    "BXgsEA52Z9C2CHsS9/wxdmdD5Hb9x47Yf7rAYsMJHQqgw9s42GFbhw24z3EfUGTbBMAHZw"
    "rdmY0IAS6aM20O7A0Gpje3+S6DBoN9MHbxDEAwmkJnwoMi+bsDj090dtXjj7dMDvJ/FHvp"
    "McNShiwKivwjGRkaktH5mvJA/xE5uvFo5Lmur4B81Y7p7Tqm42Mn5TsNQQr6T+t3T0dfhQ"
    "TLcYwmuVIMwGKFlZvOSZwmuwLZsgb7tWz17Sa3fmN9fIfMcFxu3EtBtXWvdda9RIoW25ez"
    "I1ySnxW018lZ5Q7fislZyQjhEbKeVgwRTkD1N9fqb04EVsppFzFInSpGewd1iUaRcVAk2c"
    "1S+yN2kTVxfkYvguBrocmO8gSCVNj0blKasbywyy58jrTc+IRiv539YuRHYL2/uHt/8eGq"
    "81cVj4+2RG/V4BV6gnJMXjEnUbHRaxhrVCGd9jfEhGvKTTQu2Lu9AHiOHMvkxqDvsAvYyu"
    "lf2AdD7DkmoBhgBwHuz3nhNib+B591eSm0dXatUxFasD53Syw+GBr+cMpobwlQQ+FWKqUj"
    "zOYrkJwAaZKX23t0oNNrkNd16uZrGGWtldWw6yfjePKLkBTzGcdoQsvV3HkY4rSmnqtaqF"
    "Q3pejG51S+ppteBLTxoEHjQZP6sD+Vc7ThaI4X68LR51RFE/YVzz3WGw9rcGgXsM92jtmg"
    "OXQfMI0VOoC9Ig/UuObXLNbaD6cgInZC5Eaxf7ooLA2FHfslRy9u5kEPTlSJigda/BfP0u"
    "KRGRwBRQErdoP7IhlU3PcjRvbBmD3RxvjxrTcnP4igER6cQogIDxFdM/yDA2NdlARtBN9I"
    "9IGm4zW0mr5VNb14Ay9WIEs2cBX8rPVrkC62pZzYYXsFye1VS8ouyclOk/vIfpcMuWF7TW"
    "4FcnXNu2arXVgm01Rlk68TICWY3nTWtc+gbABXEqVeCeb6N76VagvomgJrzm6fQNnZnURp"
    "v8DSyW2jCbQNF81lWE6AVJjcG9gkffXT4Oqn9KzOw6pHewMqC5ozJTI/ha6seH4cpXlezj"
    "M/pOQpR8S+xEwHhE7RpA5BKYqHDNWU+Bcu3ZvdIC9vbz8lNsjL6/QO+Ovnyyu2pqSKTIXH"
    "MGk/7ivz8OmCFa9imLUjV4fX7rCHTNcL0dUwNl4Nw5jBvGw6XRJDlxNppJyIIQozr0ea8k"
    "VFdPWVLSVW/OKiMXIRF2DyokkWd7tLQ0qMebK1XJ7FGwJmiBD2lmDRDwF7PGGcdwMevMND"
    "eHZycLzfDYIubOsRgcEAw3d/82O5/zEYLEm5qOspD86Dw67xuBIDe3QwEPmgZFFBxC9NIr"
    "I8TIz4DQqeoUN/AML4ab8AwoRIsQc7VMAIYBeYbAks+uDs8QCVPz0LUTDFnkv2D8B/L/4S"
    "US425hVJ9i6IBb+74xVGptDaB1wpIz8AJpO6FPz97wCxfmYIOvwNnLWzRvjvkS1gEccod7"
    "hCXQd2lqSQhHMsy3lx6nIC1I78Zf48ZfKXxZdpiI9M5lNIwdQzDfcrfA394vLsabuwzxeS"
    "C21JgDTFSyjWhsJVFpWdMBRmLFvbCVX+gGzrCbkvF5Si2Ty3al26SamsaQaN2cRbtF4qa1"
    "5xCPuyX5j8BZ94oDDgCPQOPLsW68gBzxadMtmLALZtjvAMgecpu8qlOI4iiFKbS1ZQ/Pk8"
    "xb5RLyFqNvGQB+cZu49cjLR4vTgSdQUJk0pdNMLsochkEujwRXTkerxDJu8G93xJ1MXPTa"
    "QMX1qTa6cwQitnYbCyKn+w3LZX4pvwV3j7fa93fHzWOzw+Pe+fnJ31zw/PuzyUgd3L3jor"
    "8+Zd/8T9com1IHTUlRy8K2LdsyNQSP8CsHwIdmA1Dkahd3RydnJ+fHoSkR9dKeM8xxHKVC"
    "YH2TKSRQyiRMBhKmrltErQSnoTi8WsnGbOMuaC7kqyRRKpZYvWyRbJw+oci0xXGucUVGcN"
    "t3mcA5FFZsWMQTZ4TlOwejRlbGg63QC5LnZFsJ4M1UmUenpv/YUfTUShJSUALBDq8dvISZ"
    "Fxj7VknEoOVMerlMerOCmn/ppxK4rGCHRT8Ss5E61Nmd6foeNB+w65T1a+jy7ZoFtmOkn8"
    "1JnAGSQGXO6xc0T5emGA4Z2CeI+Ad4VMbofA3LYQ+J32+CTmBfXBHLkEO13w4PUOe6f7vG"
    "F0MnTSZdfIYx74jB+P3wGLgpGNSeCjS/Rt+caYB68/Pu8/eCdoCNm/TcT+/f3h4dGDdz4e"
    "IuE7OQD8xAL2rEQH2sayyzaWGRsvLFdGLEIoaBGoX7T1P10jb3sqPtg8AXrVJ5uzlUayDj"
    "xVVBvoV5JW+yXSaj8vxYriHAtrWV5VAFDw468rsiFR9Bu75qpFv+NQbRBstaGovVrfVmWc"
    "GnU+GVWkqn7IxNl7zP6zIe2wDUPRkG64nr43v/OG8R+VVfiSLbplGt9sbpB04+VaXngMG1"
    "stAvQQvQ3jJtmnP8WuRfw0hHeiInV0cBv74y1fgUH6qUn9ruYHPDjQtvEzEU3Dbva4d3zG"
    "Bpc9dDDgp8LdsNuDAfg7sLEzeUuROys5aG1RHZhHGdhsZq9duOu1aHFr+mjLYiGla2mvV+"
    "O5bVJC04nY8akuwXIKpqmuVFsgWJsk1okEZqWojlWUusNWrxY6lPEVaBctCWVMyLw5klla"
    "Jq5mia8klBUPda70Eh3yGxV7DYOXskfFMkmfeuL1HPSNhmGV4sDYLlgUL43Vf9AHyTav85"
    "XJQXMXPVnYI7I1x5OwNXhvmW1wHZZ1ROBmIwKDpaYqwwvEBgOIgqWuqUVBF4NlSxHmXyLZ"
    "VYo3rom2bMVtWjt6gq7Ff3nOWlGc9ZgAtSPrUalTWwPJMGdMCjXWOGRzaQi7orHakFBjtX"
    "DPHKh660r9MZ9pDSfDeLmhIAeurQWtsxYkI05ESSjDc2herO+SNJQ0WCcotHmsnxHTx6gx"
    "IxPZMLo0siHbqqoRdbq86Cv70nh141XS+hYwvZK2eXyD2OuVPuQ0Vo90m0daO81exTDrQs"
    "G1ugqEe02SzzhGE6qP0N1oamDkD14zJ/DqSa2ard1UwGf8I9VH6G6oQHhmIaiBU33Wc3GI"
    "TMaib9g4JwxNpu5uTgUvRYiXq74bCwnKpNfmsxuG3S/nOJPou5NaUz7BEkFYt/BHzKO9Ra"
    "hTJgQrdrdbFoCFoTGON1waFP/bVIRX8WOoby/8wr5+ByQ8HRp7/NTqsYtnYDCIwtoHg+8G"
    "A8+J/Q3EJkOylYrrfwQvU3yDefG3IEv6oeOwWy6YIjb1HthDw2p6/AkOGw8ryIq+veiKQ7"
    "L92slvCDg5Pjw84eTYBPDJv26m8/ZjuVtURrguB3pxyFgwkXLWobIztmKoDR6ytR3husZD"
    "trRRZZUB2AmjSksikf1l+QsaISu/pGqyQelWGDi/3FjbpbvhYHB/9fmXT2wU7q5uPvzz9v"
    "LH65vru49s54EEiJ6ekPkDeERzCggGEAS9+5VJeVlSCh+Drcavb/qGZPbDJh7ywAbT4Zsn"
    "2x9ZR/73xsuqEmrZNmAs2bzO6t4CA2yMHwnbMV22BY8pu+BnI7OXFD0Lp2FhIlnV7XAFp6"
    "WEt3JHEse2XP5j+yJJq6Jv6o/q243w380RXCW86bQ4vOk0r8SCWBRXK7EQh2rRQ4seBfXc"
    "LcKrZ3kuuqNQSMDZeu6pJqXihxk15idj0IqVyO7ZzkvYaNuitDnYs0xwtA+m2I72ZRPNbf"
    "zCzxhj2uviIYCXRA8rdSXEjfW79E8FCv5i0oVr8SJj2OHqOFOx597Qtsi0K6rAmy58hmyW"
    "om9zi93jujaTKlz/9Cqerb5oZIyZCOIOBg+O5QszwRMAHos/eeotoYAno0xQWPt9hnmRNO"
    "wCaFPujWcSEi9WxX8KtF0EzeB9Rl0hOz04jF6EgtLxsSPfTG6OYBwwuSd87Ay+BOISmTKi"
    "LJo5P+n44HhtiUhn0DeQQR8MoZygGQMpE8O94bi49McsNwB5aD0Sq41Ei2wz7TTQa/loPf"
    "nok8X2RkFzRi4Kb1WVh+xY+1oTxDM54OJFu5G+9ZV/MYvfG90OJJjoI+AVcdj/mAzDk/nE"
    "8Z1B74td/Fv4MwzuaTDCrsIPpyPw7LfxP8BvH6++XAH/LcD1Ddh7Q0bscR4TRd50wZvo+W"
    "/2fQenTkLfXhK6kB4lK8UkQMq5cY57FRT6416hQs9vpTLEgk9HjuUkSjma6zdMiRAVB8tw"
    "HIM0ZZpSiuGw0HdlfkOAgoa/o0rVa49KqtceZavXtj/rf2P81p/vH0otVcmNBCblloZG5q"
    "5lsqXUQM4oy/E9Ew6LBLcYSIlZXKaBXf1+n1C+Mgn9kQL26fbmp7B5Oss/j/YpJFOZuZ1E"
    "qTfD69/8fMZmkDwiqSU6jVNikqeWk/Mqq8l58WJyniab0WHmHZRZTPMCoWAJhSoVFIoLKG"
    "T0ETSBtuGiuZQ6EgepR3EjO+IQEosY7FUk1ZI0TsUlozm+2Q+WUlKSKM11Na7x0LYmBVXo"
    "i8W9JEoJrjct782RO8buLMycqWy0S8KUoH4Dhx96TkAcN5fPeOh+jscJjawZtAscTrkdpB"
    "1Pfg8HQU+7t5mWEP/h6v3154tPe0f9bi8VdB2v/pSyNFnuyJst8sOShN8xjuxCR2saq9LJ"
    "6ce9s9PIs8r/KPOl3jHaP2Wdp3yylZ3gk89qEvWqT/AaW7Y0fXHMmuTt0Kef5Q5OpL/nAL"
    "KxUvm78RUHXlRDRLPLzMQM8DVPR7Y3W9g0XhB0c0Kay+dlGqsnaP4ElY7RSSI3E8TckjPE"
    "diJGJ1FEhUe+IrLCKCeRG4nE0oO8YqW4FqZ8bM+1UL9jMh2RtcJiudmQRv0hrVjcNIgBdl"
    "YY6DRWx67uwkgbLoIkz0ZavHbmQNXzt9RfFTyiLf+A7WKbdAaoAtubtkr70twqG1gSqVe1"
    "Nq9qokIVP0aXH0KFno2Jiz25gLXiHlT46ppe49LsrVTYN6cH/dXt0ldnejn7W5nlPhfeuN"
    "mvJUpCjtWPJ7ryEpGyQXNpnIJO1AZOgdqZbNXm7ar6IIe2DIhK+0OLsmH1MG8tHXYxH6YW"
    "odjNKcArUww2SHP9uOhrN4d+zVqwq+UNh6wVpw/HeK2URRwb0+V1VW4dv/rJHLlhQRE8Bh"
    "AEKYXvQLC8d8NqJfyfkSF5UdrECSqbIDNbaKWhZ9Rca6RMxlCs3MiW667Jbz5602npppOI"
    "1xnlh/gWK0kLhILqUf2+P0ZXXiWZUn5zi8eoQO95FXrPi+k9z9Crtc+taZ9tjBpQaukwEY"
    "WWLXW6dgyiz9Yud4KtcLZ2WaGP4to1pYU+9CFIKTkzVk4pSbD06TKxQk67SezS82WSM0v2"
    "hJkm9eQ7Uaeyk6MfB3e6ZXoxD6Uni3ZNVtUq1Db950vW9EmAdEmfAt9BsZLZtgoeOXtcU3"
    "vZBlI6bTwqSOgsSQuPYZRjuZGMQjf3BJfyVAM3//yWndZG6sgxYAxJcxliNJdJLvk+K/Pl"
    "h+0VVNWqlDMprmaSKWYy98jU8Fxbht04Rr3IqH6lhbVfsrD2cxZWNGZaxNQgiD3bzFkXip"
    "fXLFKl1WHNQuTxwjG8XqI8vxmcZjeHXYofmW4gG5OURCm4GNcfkeRTJlmoLgFSguZNh4jv"
    "jilerWL5uxftuCH1rv6VRRzswDY6JDnLkzg90Veb6D6LKy0zGageg9XGAI4ekbnaGGSgeg"
    "zWGYMVAnJiOJ0R0uaoHBsSKraLFUY5jdUj3eaR1iH8r2KYdQi/ssMsEcLfpMf9YnEaJD/7"
    "spPjek836Zb54F1rMqXEgDmYWv3xf4hDWsRgQJe+dL6uEw6uD5Cq+wCp4LR2yQLXSZRygR"
    "C9KoaFXrFhoVc9ibKY42JFajfNlakAiCqndB0Vn9J1lDmlKzR3kSns9U9XMZQtkAoSXr+x"
    "LH4+8WraahqupZ/WST+JL2wKHQdJucFjEAW/qZrP9RjZFl+G2IjwgzylaM4gFWS7/hXMI8"
    "g1mLidVxS+mOwkSkGijytFdxyXRHccZ6M7dJ5Uo5WFeNaeMzGEjiWZv5AD1UkMeWeTytEa"
    "g2g60xF1K0xTPT+rJ9mEJpc1M2zeB93sJqVL02tiX2h+bk1mytbA6S9hP4qSGv9Ml7Ma33"
    "s0uUvJzdmq25QVdjv8NxoFvz1jnV7c7JbZpXGiWZOpYX/E8pWFQfPJN0R81SZpbZJW3yTt"
    "V26Vyj6PQdqRfc6fp0z2uYsYGSTHFFEc1ByDKKElbzqkecz2lpwvoJjwCKDpXoFu7mhhBK"
    "5k4cxClRiCDSSszhlLSDZdIgFSgumNT3btLWnUW7Ib5YkizaIpKaXpIkVxzSjDdbmHNwXV"
    "3t1We3fHls1tC5LF6ZOoV32sLD9hl0fsyNf3T+JeNYk6kPZVLDban1arP80/nXoo61JLwT"
    "St2k2p3ZStc/poN+XW3ZThQqmJXUpsak+RdU/GC9JTOJrypJQcJV/mJIzI8XgR9agQ/xmb"
    "0wTVxdd70ZtKXG3E+R2bZmVu8ORsrOAQN2ASsZWyqdoFvgkXOD8rhs0y2eq0CZRyLvAGyr"
    "2wvUq2JG0co6CR/qiSBfmoxIR8lLUhhwlWgigJrtM4BfmuPxKcWP+bQ3Jh1ZawuS7pl3cE"
    "hnQuoc4hlMvAmdsYmivaexNQbfBttcF3IcXKSZBpnDaplZvUEuGza5oqEhG7u0nuUnNFen"
    "61Mpw6UMTLtMmFrl5FkxwtWrdGi3wt5zyuKZyUKY27EBCzwVi6ukNh9BGZSoomDqZyh9IE"
    "7XVZ/0pl/XXid6MalItG2F1Ng0pB9TLV6mVKa1Bag9IaVFdKg/oiihzygyI7OcpT7G63Qq"
    "nEMLltOypTGyrItcgZVFf9uGJ1ilrUlpILI4CCcksj5xVaFM2k8k8jgM4+TUgtdWSf6vKJ"
    "GxbcCUImypHkLjG2EXQKLDYRKMXxkKGaIjm6stlpfnl7+ykxzS+v02l3v36+vGLLjmCdNb"
    "J8oSPrx9MqfrMZpt6QrYXTlZTQNFZroa3WQnV+jrLDnNGJt6mzfUEzPoxup1Bvi1p0K+hu"
    "brxxQ/XtY+qW482G7PZate61P2xNf1gbNOZW7f3111wP5nn1ubsA6HizHDkVPXFFSi7qN4"
    "5RcNI2oXjxUtnS8ksMpoWX1gkvOrlYJ222ySuyNGlzO8L1HYXj8cVohL387KTE/VLBmvCW"
    "Bow1rVusxp5LGdGmmCa86L54Vy1Tb1OmTg5KdQtxHKWgkFJ/Fkc03yVojmM0yRVIdrGchy"
    "9sryC59UdLziEhz5htWLLn1meAStLdgBmeYjo3CBq5iMqWe8yBquD7KNNqmqj5aFqEE7GK"
    "eTwF1ac6t1rD1Kc6v4Zh1s4uZYe5Jc6uC+Rao2knRxMP7nTLdHC4aKPTuDYmyGm31YZl5X"
    "6/iqzc7xfLyvxeKiuFfVQSDAfNFWS3kcjOICQwy3BxbGcMsvnozu1slLXFcW51M/vr/wHN"
    "vEiE"
)
