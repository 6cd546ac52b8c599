from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "led_screen" (
    "screen_id" VARCHAR(64) NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "location" VARCHAR(200) NOT NULL,
    "rows" SMALLINT NOT NULL,
    "cols" SMALLINT NOT NULL,
    "mode" VARCHAR(8) NOT NULL,
    "push_url" VARCHAR(500),
    "refresh_seconds" INT NOT NULL,
    "lease_seconds" INT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "token_enc" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "content_hash" VARCHAR(64) NOT NULL,
    "floor_seen" BIGINT NOT NULL,
    "floor_version" BIGINT NOT NULL,
    "acked_version" BIGINT NOT NULL,
    "acked_at" TIMESTAMP,
    "last_seen_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "led_screen";"""


MODELS_STATE = (
    "eJztXWlT5DYa/isqvgS2egg0x7CTzVY1DJMh4cgGskltSLmFraZduKWOJMNQu/PfV/J9Y3"
    "Xbjdvoywxt67Xs59Xx3vrvxoxYyGHbI9ey+Snm9HnjA/jvBoYzJP4ouDsAG3A+j+/JCxze"
    "OV5zKNsZKGp4xziFJhe3JtBhSFyyEDOpPec2weIqdh1HXiSmaGjj+/iSi+2/XGRwco/4FF"
    "Fx448/xWUbW+gLYuHP+YMxsZFjpd7ZtmTf3nWDP8+9a8f2/Rnmn7y2ssM7wySOO8Nx+/kz"
    "nxIcEdiYy6v3CCMKOZI9cOrKL5AvGHxv+FH+y8ZN/LdM0FhoAl2HJ774zoivbRjG5dWNcX"
    "16YxgbChiZBEt8xasyD4B7+Qrv/j4c7u29H+7sHR4d7L9/f3C0cyTaeu+bv/X+q/8yMVr+"
    "ozzMzn44u7yRL0QEE30GywtfPRrIoU/lMSNGH/I8+h8FgtyeoWL8fYoM/lZAsh3+keVGiH"
    "0VO8ILr8OPCmhvzi5Or29GFz/Lx88Y+8vxYBrdnMo7Q+/qc+bq5uFWmhfRQ8BvZzefgfwJ"
    "/nN1eeqhSRi/p16Pcbub/2zId4IuJwYmTwa0kkCGl8NLommCqyYnNM/YkymkJUwNCTJ8FQ"
    "A1w8l4QVnF1JrBL4aD8D2fip9HOxWs/ffol5PPo182j3Yy7LoM7gy9W1+z8Mo3UsM3oOgh"
    "wId1AD4sB/gwBzCHVGwkPkgKKGfIegj1fh2o98uh3i+DumgXfhHowq24MZhXuhm3vGJQJL"
    "6SqcKcploI5wDEbo7mw/06C8d++cKxn8XZQhzavpSbBvnH66vLYpATJFmhxjY5+B9wbJYT"
    "LptaODb+MXGxtzeAO9d2uI3Ztuz2nxurl3IkRCkBJwR682L0e5YHJ+dXx1nJRT7gWDBEiv"
    "qTh4S4KS/cQfPhCVLLyN0hQ1LWNn9rNpxlr0AM7z145RfL7wu0oBPiUv4TKtSQonuDKv3I"
    "lK2MB1RPO9oYAY8AsGfG0ewbBgTlNriZIsCQSREHNgNMyFnIAgib9HkuxtIH8PlidAIeEb"
    "Untgm9kYARshiwOZA4bG9k+NpiN0toceIdFBe3mKKZDeR1lblWdulytc37XwHssH0PRaLd"
    "nTpoi1alcHv30vuIP5MMMX/yKN+gLyWmiTRVL7Cu0opPf7+p3i8ipfj86vKHsHl2E8kAbx"
    "LZh8LQjil6AXh6cA9rDe5hxeAe5ge3GKQSD0Pd9pOmXI0NqDPDfd2MQBQ9koeF2JymbIDN"
    "HdNC1p3LXRGwIUOFwrW8Xi1Yhy0643H49dezjwr+Bte1rW1J046kmlALvZ7kP/uvoRN628"
    "ueP76TI9f79GoRVfJYjFqVrTxB0judoHlbh6cFKsEbEvRQUGpFC5jYTsX+WQxykqZq51xD"
    "xCsAllthdnhClynpqBFB/wydrYjxcEZcXDQ2kWnPoFPiiIqIsoPTp9oOqNcP8arReXpydj"
    "E639w9GAw9hIUAZ3OUxD7vGJlCbDmIGqqmlixd/0bzQZ3BfFA+lg9KsZ4LpJCq1aWQuA+o"
    "r9z2wiF31WwvEcXqRApx05hTIiVR1pZEnB7ve3XG+175eN/LjXcHMi4EXUtpYUkR9WF8t+"
    "3ajgBbwASSpdVGkK4ZQbRF882x2Z1bC7I5TanZ3Dk2K5g04/Ewh5TbRd6i44Dw00+/IAeW"
    "hN4F1sqfxUOe15fj8dVgi0nNGPSIZPOlADqVz+grQHfi5cRDloTo2H9KX0HChEdhI0sidZ"
    "l4VJ/gatPP4q9QBY6WaOkq97TMoyY1wpe8xmBTPM0RLMJ8AMSqPicCasy3AKEAYiBeEfNt"
    "cCav2aI1dmd3iDJxywKeBi7+pCgMQCLY8XrPBDC109EtjuKdwOZ4/DdpCxiPtzwK6IVJiR"
    "tTyKaC1Lsv/5YNJqJHh5CHd+6clQVC/RE5rbyXl6FLf2qHU5ccThFfcliX69RJmh56RZp3"
    "OlHiKBktwvY9BHdYz6ZfYdLPgvsgvksF3LC9BrcGuDpksl1nqW0JhU7Vdp8i6gXSqzba+w"
    "hKSUZlcKep+pfB0/zGt5BrSruklhzdPoCqoztN1RLufRrcDrqHjkHRXMkflSTqw+BewSYp"
    "0BIKTbFNrioPMEnVP6ibH9Ay3/qxQNw7JkIfgbgkNiYiykB8J6jaEkXCZWS1i/Xx1dV5ar"
    "E+Psuuxr9eHJ+K8Z2JlwkrSmjf2xtwymjf25tjsxeCrWavTJA0abTsLlNfsFHmXJlpdPPQ"
    "fiIU2ff4J/TsAXwm3gNis2gjyiRYrCekOeeJuEzhU2Q3Tw4o8e3ii5G/95yMrk9GH083vt"
    "bxDWvHnnbsdd2x53vWCxx7kcu93LGHoiYvOvauMALQNJHnGJMxbcAj3gbj8WZU4mDgXxTz"
    "bms8liUE+BQB20KzOeEIm8/SffadoBAIcdnO953lfHst9nWLN9kUDg8OAZl4FJjQGXRsJn"
    "qSS0bgIRz43ZrinwGwvbWUey5AE2KCxQh1gHQhbQGOHIcBeIuF3jVzEGNA6FlCIpW+Qcv1"
    "PJMcee5BSmYAAnMK8b0sqiDfHbhinFJx1ZXd257D0f8o8dITQcsFZYUvMVlZIgQj51CMfY"
    "7ENF1KfSHqT+1nfN3EtiTvlHKvQqJeGLrbVuGjWaGAcpJGg1wrhzBeYdWGc5pOg10DbNWA"
    "/6Vi/bsNbvPB/skdModxtYEiQ6otFJ22UMh9Oc/hivpuQXtd3K3aO1ezuFvam2Ei+3HBEi"
    "MpUj3nOj3ntFVQWwV7YRXUBq9XNXiF5tQCk1fC0lpu9LpLNKoRz/4bEsI1lyYaCjavRoDM"
    "EbYtaQz6llAgVk7/wha4Iy62ACeAYBQEp5OJ90OOuqISnE0+Wpcy6sD6PKiw+BBo+OxU0d"
    "5SRDoG6UXteDZfAOQUkQb5ZXuPDtZ4C/K6Lv34FristbIGdv06+WPleFbkj71NQCvU3CgV"
    "dUk9t28J+4OMopscU8WabnYR0MaDFo0HrWZ2UzRBFEnOFKV3x3cHL+Z4G/N0azX1+BsGZo"
    "gx8ZYgfg4Dm9LPJx8Dbt2dHfh+f3tvaxAkUjv2AwLjMYEf/uGL4P8cj1/QlJvq5RbfYnFN"
    "xpgYxOXjsWfGZ3Hghx9R4innFkHyBgdPEPPvgJe04DwDJmaHZ77B3CNjQFwQkwbY/BZvyn"
    "CRv1wbcTAlLmVb2+Bf8S8v7dwhMpBkc8Rs+O21DAyZQnsLSJmIfQfEZKMcfP89QOI5MwSx"
    "fAO8tLIvv0c17iBJ07uauk2d01Sh+YdjTMXjlCLqhttJ9tcbt5M3Mw1vkqlMhQxZ/9JoDm"
    "rMhoPyqpxZW4GPF1JLSU8RaYhfgFgnVSyyqKyFoq5Q0KxNCfMjcuxHRJ9HnKPZvDDYONuk"
    "Uta0gsZi4MWtX5Q1TyWJmNnPQv6Cj7JyD5AU6AN4orZ4kNip0ERKX1Jsm1PyaMvgWpsBIW"
    "Q5yBqAiY1tNhXyIJxwRPNiZhsd6DOt1/RMaz8OPM+BUvhjgpdZsAZLZ8CF4e7++/2jvcP9"
    "CPzoShXmBRmeQr/ByFERAxIkPYxe3D2skxme3XESieGHufPmpFS6kCCQptSCQOcEgfSBIv"
    "4uswCfM6TaM9NlPgvd3yRq5aYSJCuspR+sHm1ZBtqu6YUoJdQwFePq01T9U1KbD673z8hW"
    "wTim6B++rZzmk4xMVHRCFpBqX2S1LxJngjeX9J71NBZ0kPGiFQy0LnnTLubX7l0SgJypI9"
    "NiUGXpmM0Nlm38slMtTH0WYkZAfYfehU4vITNMCbWZH378wYsCjZKlxY93UnID2V7T/rSG"
    "O7jF0HHIE/Oaho/ZHI8pmomBIDodj2Um9qW4PR6D74FD8P07juisIrk5jsiTJiJHzIOlqy"
    "W/FcvJkjp7lSNLOX51ubjKrq1xbUdWJoe6AsoZMg11nRrU4dqksE6kaBay8i0iku50erXQ"
    "fqg3YJboiB8qJSEXSGZZCbpcLsuK7s2eIf5HXFgnilcMjdn58izx+YcYfeGhT8wr0jIAcf"
    "WWROy8Lt7yuqk8c4oebeIy1TjfNNkSuHfMstFM6LT2EK3CQ7QOh7MGS926GpS7fwLHxmrP"
    "vm0e4pVroh1bcdvWjh4hteWXF6wV5SGrKaJuhKz2qlJKIBkW8KRUY02SrC4sZV00Vu985s"
    "XcfwWk/VtXmvcBZjWcHOLVhoICcm0t6Jy1ICVxIq/YhuFiXuT7fSEsKUusA1a6zOsnJPQx"
    "bszYvWroapayJdtqX6NYdWmGNzbT5DE+i4R5xmR6Je0yf4MEiYUmcpZWc7rLnNZOszfBZl"
    "1lpVFXQXlZ93I8K8q6a0B12Zp2Q0Ujf/CSMaLRmS7rCeqLwaHJSarL1qyobE1uIWgAU11f"
    "qTxEJmfRNxxSEIamUke4IP26J8C3Wkr4Cn4iMnLZC9vJhRMl7g6qgokINCbJhi8GeP829U"
    "KFAMTgauRXGPIf4JccgqZJXMwH/plR43EUoj0efzseuzjx2z9HiuVz2ZvvQtZLuiSAkqeg"
    "GtHtBha3KJgiwYdb0WmY1i97wIJ5dlBC6Wo08M7O8os4fcPA/t7Ozr4Ex2FAMnLZTPnXj0"
    "vuUD2jppzB5eFPwUAqWLGqDkZOUK3wZOTXERQbPBlZGwgWYcBaGAg6ElXrL8u/yLNUimu7"
    "pBtUboWBI4cm2r64G47HN6cXP58LLlyfXn788er409nl2fVnsfNAeZqif8TLd+ABzTlgBE"
    "AQPF3sLZADInYcDh+CreaJ0AdZIjC3H7bRya1gJpabp9gfxYP8+SbrwTBuOw4QKDk2ssBm"
    "TAMcQh6Y2DEp8mvEyG4IlU5O78meA6w0KarudriAA07B87YmSVCvXD7m9UWSTkWSNB+hth"
    "6hrKsDuE6ozmF5qM5hLlRHn8ulRY+2RY+PNjMdwlyKrsXkREXCR7ZJpfhhRY1liU5es4jx"
    "jdh5meC2gzztdtO2wO4WmBIn2pctNHfI80zs80J7jTsBQixg4iF59Xv5R/rliYNfQrqgNk"
    "MywVqq40LFnrt3js2mA/Bk86lF4RMUoxR9mdvinndONaFiFsovlJnXcSNjIkQQKs/BDk7M"
    "DnoIj8OWaaSMB8dU+8IPRTMh/1iAUAAdLj3LQkKaCalEfgp0KIJW8D7mwJOdbrGAF0kTgC"
    "QXA0WMPAdZ8thrKDpyZNW8sNsZfA7EJTYVQNk8V8h5b3tvaYlIZ4O3kA0esFBN0EwQ9SYe"
    "ecUxXtnJrMaAImrNicU40SHbjA7R6aN8dG6LvbH4qMPwVl15yEm0bzTZOZfP7L3oINK3dL"
    "LyKkI5KpKVPclMsaJIiqh3LpK9YQ1leW9YqizLW5lMIn92KaKcpuodzC2cPChDGTBRwThB"
    "0pbZp1cIE1ftQIyIoIdGtd1aNRp3K2o07uZrNHY/O3xl+DafFx7KHnXBDdv3b2loZezall"
    "hKDYTNPMY36EupPSVB1ItRXKXdnP5+k1JsconfkXJzfnX5Q9g8mw1eBPsUsqnK2E5T9W+E"
    "N7/5+YjNIHtASkt0lq4XgzyznBzVWU2OyheToyzYAg6r6ICNcphjih6m2tfJtC9PtM/pI/"
    "KEQoOiuZI6kiTqH8St7Ih3kNnMEK+iqJZk6fq4ZLSHt/hgJSUlTaWxroc1uXPs+5Lq5uXi"
    "XpqqF1ivWt6bIzohdBZmWNQ22qXJegH9Cg5NcHEAnPTHzGRYfIE3B5n2DDolzpzCB2SdOv"
    "4TtoMnrd9mWgH8x9OTs4vR+ebuwWCYCWhOVgnKWJpsarqzOI8oDfi1wMgpdWJmaft04tre"
    "8P1h5LWUP6r8lNcC9vO8Y1IONqvCMVmMapqqyim5huhWDd/RzWl2BfbDawwvSFcFwxzhkj"
    "Cu0SJQgCKiNrGMZwRpQaRm9RTP0q6s3Pp6zPBonCmHHqQpVxObuUoj0bqHHqTqHMiAPsQW"
    "4HKaciUBJprJCxZz6mAk++tZdZv3CQUL3kJxWllaPZE6PJHC0Ea8AKOztDokbx04bVAEWZ"
    "F5qnztLCDtn6m7+cK9EWyY8AJ1vdwcmCPsA9qrNgj60twiG1iaUq9qXV7VZOKLLH+k6ujP"
    "0vXQ8NvCCQdrk73SvkFCFynuCkP6tJx1KDtGs/nV0mPi8TC1GSe0oLicSqGzIO3lc/ys9W"
    "T9auucZVArTydK4ForqyjB05fzrK+wnw09RzRMMCYTAEGQBvEBBMv7IMxeln9GFpg41RkH"
    "mc7Iyidet9RHw7nHVTJGz9KPX7kOi/rmozedjm46qaOwzOKwpHIlKabooXrUvNFcwFWUWV"
    "6Jb2EyeR/gPaoD71E5vEc5eLX2+WraZxfdbb1aOizEoe0onRyZINHnRlZbjxc4N7IqObk8"
    "374yOVkX+M/ImYnyCmmAlSunJwo7rCewL9ZOT48s1erpberJ117dqo0C/Ti4M6jSix1kGS"
    "xu12aVjVJt0+9fsQ5BikiXISjxHZQrmV3LOi7Y49ray1aQhuIQsyQJpSKVLUHTO5RbyYKg"
    "hRXdq2N0aXE997XWRpoIzhUIKWMZ0mgs01jOFA/mni1zGnfncEybIepYIcqNEPm4SDY1XF"
    "pwKnNVXaiYpg+BPGmAD2otrAcVC+tBwcKKJkKLmBoMib6tgnWhfHnNU/ZpdViyMGky2V3W"
    "eFLHN0en0S1Al5MHoRuoxiSlqXq4GDcfkeRDplhcJ0XUC5hXHVu5Pqb4fhXPXb9oxxWpd8"
    "2vLF6hZ7HRIcVRnqbTA32xge6juNAykyPVPFiMB9B8QNZiPMiRah4sw4MFAnISdDqBoctR"
    "OQ5k3NsuFuByllZzusuc1iH8b4LNOoS/t2xWCOFv0+M+QtQ2pxsFHvfgzqDK4w7jNq/ibd"
    "fnSq3yXKlym0C5dL6eNrCMv/fgoI6/9+Cg3N8r72Wk8blSbdigeQ/RbSVmITBS5REuj4FM"
    "kKw+BvJ1NsrGoh1fdTP7+n/Y2CjP"
)
