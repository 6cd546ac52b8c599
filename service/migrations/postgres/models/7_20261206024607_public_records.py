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
COMMENT ON TABLE "disclosure_public_record" IS 'A record of the public lists beyond 失信 (contract §9.6): 终本案件 (``list = terminated``)';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "disclosure_public_record";"""


MODELS_STATE = (
    "eJztXWtX47a6/itafBk4K6UQCDDT3b0WTGnL7gz0DPR0r126HMVWEm8cK7VkKGef/vcjyZ"
    "f4HiuxE0foywyx9frySJbe66P/7M2whRxyeOlbNr12qfe69wH8Z8+FM8T+KDjbA3twPl+c"
    "4wcoHDmiOeTtDBQ3HBHqQZOyU2PoEMQOWYiYnj2nNnbZUdd3HH4Qm6yh7U4Wh3zX/sNHBs"
    "UTRKfIYyd++50dtl0L/YlI9HP+ZIxt5FipZ7Ytfm9x3KCvc3Hsyp7cuPR70ZbfcGSY2PFn"
    "7qL9/JVOsRsL2C7lRyfIRR6kiN+Bej5/A/6A4ftGLxU87KJJ8JQJGQuNoe/QxBuPjMWxPc"
    "O4vXsw7q8fDGNPAiMTuxxf9qhEADDhj/DV+37/5OS8f3RydjE4PT8fXBxdsLbiefOnzv8K"
    "HmaBVnApgdnNDze3D/yBMOvEoIP5gb+EDKQwkBKdsUAf0jz63zEEqT1DxfgHEhn8rVDkMP"
    "oj2xsR9lXdER3YTn9UQPtw8/n6/uHy88/88jNC/nAETJcP1/xMXxx9zRzdPztI90V8EfDr"
    "zcOPgP8E/7q7vRZoYkInnrjjot3Dv/b4M0GfYsPFLwa0kkBGh6NDrGmiV02KvXzHfpxCr6"
    "RTI4FMvzKAmunJxYSyiU9rBv80HORO6JT9vDiq6Nr/ufzy8cfLL/sXR5nuug3P9MWpv7Lw"
    "8ieSwzeUUBDgszoAn5UDfJYDmEKPLSQBSBIoZ8QUhPq0DtSn5VCflkFdtAovBbpwKW4M5o"
    "0uxi3PGB5ib0lkYU5LrYRzCGI3R/PZaZ2J47R84jjN4mwhCu1Ay02D/I/7u9tikBMiWaXG"
    "Nin4P+DYJKdcNjVx7P1t7LtibQAj33ao7ZJDftu/721ey+EQpRScCOj9z5f/zPbBx093V1"
    "nNhV/ginUIV/XHTwl1kx8YQfPpBXqWkTuD+7isbf7UrD/LHoEunAh4+Rvz9wutoI/Y9+hP"
    "qNBCis/1quwjk7cynlA962jvEggBQF4JRbN3BDDJQ/AwRYAg00MU2AQQpmchCyDX9F7nbC"
    "x9AD9+vvwInpFnj20TipHgImQRYFPAcTjcy/Rri7dZw4pjzyA5uS0kmllAtmvMtbJKl5tt"
    "4n8JsKP2CqpEx0d10GatSuEW59LrSPAlGez7yaP8gP4scU2kpZTAusoqvv7nQ/V6ERvFn+"
    "5uf4iaZxeRDPAm5veQGNoLCSUATw/ufq3B3a8Y3P384GaDlONhyPt+0pKb8QF1ZrjvmhPI"
    "Q8/4aaVuTks20M0ds0J2vZe7omBDggqVa368WrGOWnQm4vDLLzffScQbfN+2DrlMO5pqwi"
    "wUd+L/nG7DJhTLy0kwvpMjV7x6tYrK+5iNWpmlPCGinE3QvK9DWIFS8EYCCipKrVgBY9up"
    "WD+LQU7KVK2cO4h4BcB8KcwOT+gTKRs1FlDP0dmKGg9n2HeLxiYy7Rl0SgJRsVB2cAZSh6"
    "H07iFeNTqvP958vvy0fzzo9QXCTIGzKUpinw+MTKFrOcgzZF0tWTn1RvOgzmAelI/lQSnW"
    "c4YUkvW6FAqrgPrGfS8UUl/O9xJLbE6lYCeNuYe5Jkra0ojT4/2kzng/KR/vJ7nx7kBCma"
    "JrSU0sKSEVxnfboe0YsBVcIFlZ7QTpmhNEezTfXDf7c2vFbk5L6m7uXDdLuDQX4wE9I/76"
    "ubFwFcp9/9MX5MCSzLvQWXnNr7G7Hb44Gq4wqQ9mxB6OXWRNiK6Cq6gK0hx61C6KOcpg9D"
    "O7yKuqCLmYxmkja+J0m7iUqnB59mRKicFQYTOcg6wJmq0/T12mr6Yqdnj0b2Q2MM7uouuo"
    "ClQ4yDw040/prQnXF3G1L+HFVMKszQBooDsUREBjpaI8BIriJkvzCu9cBKBpIp7IB7hNCo"
    "TwIRgO9+MUxV5w0LCtg+GQpwDSKQK2hWZzTJFrvvIswW+YBEOI8nZTSKbD4V4G3Dbv9eju"
    "kynsD84AHgsJF3sz6NiE3YlH/hi6sxHyesFtTfZPD9isO6FLAXR5Gxe7bOlwAI85HgCKHI"
    "cA+OhOoTdzECHAQ3NmzYH94dDy5w5fZdBweADGHp4BCMwpdCc8KZI/O/D5QGdHfX572+JC"
    "wUuxhx4zWcoky5Iif0tnhkZg7P2eiUD/Fge6sWn6nhcYIL/rwPR2A9PJvpOKnUZCCsZPmw"
    "9Px1+FBMpJGQ1yrRyAxQwrN5zTchrsGmDLOuzX8tV3G9zmnfXJFTKHcbVzLyOqvXud8+6l"
    "SrTYupzv4Yr6rLC9Ls6qDvjWLM5KZwibyH5eMUU4Jaq/uU5/cyKxUs66SIg0aWJ0t1OXWB"
    "S5AEUa3Ty032MP2RP3J/QqAL4RlqxZpBBk0qZ3E9Kc54Ud9uBLbOUmBxR7d/bGKMjA+nh5"
    "//Hyu+u9v+pEfLQneqsOrygSVODySgSJyp1eo0SjGuW0vyKmXFPuovHA/t0lwHPk2hZ3Bn"
    "2NPcBmzuDAARhh37UAxQC7CPB4ziv3MfEffNQVldA2eWlditCB+blX4fHB0Ai6U8Z6Swm1"
    "lG6lUjnCbL4CyCkhDfJyf49OdHoL+rou3XwLvaytsgZW/XQeTzEJSTmeSRkNaLWZO49SnN"
    "a0c1VLleplDN3kmCq2dLOTgHYetOg8aNMeDoZygTUcj/FyWzj+nOpYwoHhuc+uxtMaXNoD"
    "7LOdY9ZpLj0AzGKFLmCPyBM1bvgxm7UO0imIyJ0QtVHsTw9F1FDYdV4L7OJ2bvToxkxUPN"
    "Hiv3iVFs/M4BJQEFixEzwWyUTF+SBj5ACM2R0djJ++8ufkG5E0wpNTCBHpIeLSTP7RhYlL"
    "VCRthN9I/IFm8zW0mb5VM718AS83ICsWcBXirM1bkB52pILYUXsFwe3XK8quqMnOgvvE3k"
    "sG3Ki9BrcGuJrzrl22C9tilqps8XVKSAmkN111HSAom8CVllKPgrn5hW8lbgHNKbDm6A4A"
    "lB3daSkdF1g6uB00gY7hobkMyikhFQb3BhbJwPw0uPkpPaqLZNWDvQWTBc2ZEVlcQldFnp"
    "+U0jgvx5lvUvJcoGJfYWYDQrdsUEdCGYhHTKot9S+auje7QF7d3X1KLZBXN9kV8JfPV9ds"
    "TsmQTEXbMOk47huL8GnCijfRzTqQq9NrdzhCpvlCNBvGxtkwjBksqqbTlBiaTqQVOhFDED"
    "OvB5rypCKafWVLhRU/e2iMPMQVmKJsksXZ3tKUEmOebi1XZ/GOgBkihD0lWFyHgH1eMM4v"
    "Ax79oyN4fnp4ctALky4c+wmB4RDDD38Lcrn/PhwuKblo6i6P7qPLjvG8EgP7dDgU9aBkwS"
    "ASUJOIKg8LI36Cghfo0m+AcH46r4AwJVKswS4VYgSwA0y3BDZ9dPd5gsofvo0omGLfIweH"
    "4L8Xv0SWi4M5I8n+JbHh1/ecYWQK7QPAjTLyDWA6qUfBt98CxK4zQ9DlT+CuXTXC30eWwC"
    "Ipo9zmCk1t2FlRQhKNsTzm5aXLKaFu1C/z+ylTvyy+TEN8ZDKfQkZMPdfwoMbXMCinZ8/6"
    "hQO8kFxqS0pIQ7wEYu0oXGVS2QlHYc6ztZ1U5e+QYz8j7/WSUjSbF7LWZZtU6ppW2JgNvE"
    "XrpbrmNRdhX/Yr07/gM08UBlwCfQAvns0u5IIXm06Z7kUAWzZNPEPgZcqOci2OSxFEqcM1"
    "Kyh+vkxx4NRLqZpt3OTRfcHeE1cjbc4XR+JLQcK0Ug+ZmN0UWUwDHb2KC3k+vyDTd8NzgS"
    "bq4Zc2Soav7MmNW5qhVTAx2HmTP5xuu6vxTfgjfPW+3z85Oe8fnZxdDE7PzwcXRxc9nsrA"
    "zuVPnVdF825+4HG51FwQBeoqNt4Vue75HiiFfyGwvAt2YDYOe6F/fHp+enFydhqDHx+pwr"
    "wgEMpMJhc5MppFQkSJhMNM1spZnaSV7CKWyFk5y+1lzBXdlXSLtKTWLTqnW6Q3q3NtMl2p"
    "nzOiumq4y/0cqiwyM2ZCZIP7NIWzR1vOhrbLDZDnYU8k68lAnZZSz+5tnvjRQhTaUgrAQk"
    "I9fFvZKTIZsZbMUykQ1fkq1fkqbiaov2beiqI5Ar1M/krBQOtSpfdn6PrQuUfes10co0s3"
    "6FW5TlKvOhNyBkkILo/YuYK+Xjhg+EVB8oqAXwpZ3A+BuW8hjDvt80HMCfXBHHkEuz3w6P"
    "eP+mcHvGG8M3Q6ZNfKbR75iB+PPwCbAtPBJIzRpa5tB86YR38wvhg8+qdoBNnfFmJ/vz86"
    "On70L8YjJGInh4DvWMDulbqA9rHsso9lxvoLy9GIxRIKegSaV22DT9coWp7KNzZPCb3pnc"
    "3ZTCPJA08VtQYGtbTVQYW2OigqsaK4wMNaVVcVCij48TeV2ZAi/caetSrpd1JUOwQ77Sjq"
    "rtW3VR2nQZtPxhSpax8ydfYBs382ZB12oStasg3Xs/fm9/4o+VJ5gy/doldl8c3mBsk2Xm"
    "7lRduwsdkilB6hr6K8SfbpT7Fnk6AM4YNgpI43bmM/vuIzMMjeNW3fNXyDRxc6Dn4homl0"
    "mX0eHZ+xzmU3HQ75rnC37PRwCL4FDnYnX1HkzSo2WluwA/MsA4eN7LWJu96KFbdmjLYqF1"
    "KaS3s9jueuaQltF2Inh7oEyhkxDXUtboFwbpKYJ1IyK2V1rGLUHXV6ttCpjG/AuuhIKmNK"
    "5y3QzLI6cT1PfC2lrLyrC7WXeJPfmOw1Sl7KbxXLNH3qi8dz0Z80SqsUG8b2wIK8NMH/oD"
    "eSbd/mq9KD5h56trFPZDnH02Jr4N4x3+A6KOuMwM1mBIZTTV2EFxIbTCAKp7q2JgVNBsum"
    "Isy/RLKrEG/cEu3YjNu2dfQMPZu/ecFcUV71mBLqRtWjUru2hpphQZ+UWqxJkc2VIeyKxe"
    "pAQo3V0j0LRNWbV5rP+cxaODnEqx0FBeLaW9A5b0E640RQQhm+S4tyfZeUoWSFdYFCl/v6"
    "BTF7jBozMpFNo8tKtuRbVTWjTtOLvrEvjbMbr1LWtxDTM2mX+zfMvV7pQ87K6p7uck/roN"
    "mb6GZNFNxoqECE1yTxTMpoQPUWuhstDYzjwWvWBF4/q8XZ2sskfCY/Ur2F7oYIwnMTQQOY"
    "6r2ey1Nkch59w8EFaWgyvLsFDF6KAC/HvptICcqV1xajG6XdL8c4V+i7k1ZTMcASSVh38H"
    "vMs71FqlMuBStxtleVgIWhMU42XJoU/+tUpFfxbajvLgNi3+ACJNodGvt81+qxh2dgOIzT"
    "2ofDr4dD3038BmKRIXmm4uZvwWmKbzEnfwurpB/3XHbKA1PEht4ju2nEpsfv4LL+sMOq6L"
    "vLntgkO+BOfkfA6cnR0SkHxyGAD/51K523n8vdIRrhpgLo5Slj4UAqmIeq9thKSG1wk63t"
    "KNcNbrKlnSqrdMBOOFU6kokcTMtfkInsYkrVdIPKpTAMfnmJtktXw+Hw4frzz59YL9xf33"
    "73j7ur729ub+5/ZCsPJEBc6RlZ34AnNKeAYABBePWAmZTTklL4FC41Ab/pO5JbD9u4ySPr"
    "TJcvnmx9ZBcKvjdOq0qo7TiAoeRwntX9hQxwMH4ibMX02BI8puxAUI3MHlJcWQQNSwvJ6i"
    "6HKwQtJaKVO1I4tmX6j+2rJJ3Kvmk+q2830n83B3Cd9Kaz8vSmsyKKBTEprkaxkBTVqodW"
    "PUr43G3C2bN8D91TKDTgPJ97pkml+mHFjfnOGLQmE9kDW3kJ621HUJuDfdsCxwdgip14Xb"
    "bQ3MGvfI8xZr0ubgI4JXrE1JVSN9a/ZLArUPiLaReezUnGsMvNcWZiz/2RY5NpT7DAWx58"
    "gWyUoj/nNjvHbW2mVXjB7lW8Wn3RyBgzFcQbDh9dO1BmwjsAPBY/eektoYAXo0xQxP0+w5"
    "wkDXsAOpRH45mGxMmq+KtAx0PQCp/H7And6dFl8CIUUscntnyzuDuCYcD0nui2M/gaqktk"
    "yoCyaW7/pJPDk7U1Il1B30IFfdiFcopmQkiZHO4N58VlP2a5DiiS1j2xWk90yDfTTQe91o"
    "/W048+2WxtFDDn9KLoVF19yEm0b7RAPFcDLh60F9tbv/MvZvG+8elQg4k/As6Iw/5jOgwv"
    "5hPbd4ZXX6zif0avYfBIgxFdKvpw9oQ8ezf+A/z64/WXaxA8Bbi5BfvviMlu5zNV5F0PvI"
    "vv/+4gCHDqIvTtFaEL7VGSKSYlpFwY56Rfw6A/6Zca9PxUpkIs/HTkUE5LKQdz844pkaLi"
    "YhmMEyJtuaaUQjgi+q6NbySgoOPvuBZ77XEFe+1xnr22+1X/G8O3+Xr/SGupC26sMCk3Nb"
    "Qydm2LTaUGcs08xg9MOSxT3BJCSoziKgvs+p8PKeMrV9AfG2Cf7m5/iJpnq/yLYJ9CMpUZ"
    "22kp9UZ484tfgNgMkickNUVn5ZQY5Jnp5KLObHJRPplcZMFmcFhFG2WWw7yQUJBCoQ6DQj"
    "mBQs4eQRPoGB6aS5kjSSH1IG5lRRxBYhODPYqkWZKVU3HKaA9v9sJSRkpaSmNdD2s8cuxJ"
    "CQt9ubqXllIC603re3PkjbE3iypnajvt0mJKQL+BzQ99NwSOu8tnPHW/IOKETHsGnZKAU+"
    "EFsoGn4AqH4ZV2bzGtAP676483ny8/7R8Pev1M0nWS/SnjabI9058t6sPSgN8zjJzSQGtW"
    "VqWd00/652dxZJX/qIql3jPYP+WDp3ywVe3gU4xqWupN7+A1th1p+JIya4K3Q59+Hjs4kf"
    "6eQ5GNUeXvxlccRlENkc0uMxJzgm95OLK12caW8YqgV5DSXD0us7J6gBYPUOkcnbTkZpKY"
    "O7KH2E7k6KRIVHjmKyIr9HJaciOZWLqTV2SK62DJx/ZCC80HJrMZWStMlptNadQf0orkpm"
    "EOsLtCR2dlde7qLvS04SFIinyk5XNngah68ZbmWcFj2Io32C73SecEVUB7017pQJtbZQFL"
    "S+pZrcuzmmCo4tvo8k2o0Isx8bAvl7BWfgUVvrq257gseisR+xZcQX91u/TVWX7B+lbluS"
    "8Ub93t1xEjocDrxwtdOUWkbNJcVk7BIGoLu0DtTLVq+35VvZFDVzpEpfWhQ9Wwupu3Vg67"
    "GA9Tm1DsFRDwypDBhmWuPy6utZtdvyYX7Gp1wxFq5eXDCVxrVREn+nQ5r8qdG7CfzJEXEY"
    "rgMYAgLCn8AMLpvRexlfA/Y0fygtrEDZlNkJUnWmnpHg1zjVTpGIrRjWyZd01+8dGLTkcX"
    "nVS+jlmc4ltuJC0kFDSPmo/9MbiKmGQq8S0kj1EB3os68F6Uw3uRg1dbn1uzPruYNaDU1G"
    "EhCm1HanfthIjeW7s6CLbC3tpVRB/l3DWVRB96E6SMnpmgU0oDLL27TILIaTeBXbq/THpk"
    "ye4w06ad/LOgEPoiOLj3Cqzk1PleTRs55CXyFlJLLeXLkAc8YuEMLiFmQQJG6BW7Fnj0B+"
    "9Pjh/90zE6zpFkvj88O/jA/j5H5sWjf3beN9m/F6fs71M0PgP7wyG/FvgWUOTNbJePseHw"
    "IGdNb+k5Hl0oLvz+bHDELt8/OWNS1gWTurBO3iek2OfJntUMpL4BL5xfFEFzKshDCadet9"
    "0EmerX4sEP56+CTfXGQi616SsbBLMRU6048/sYe5GrgHwAyDW917lwETyhV2QBHmHpgaBo"
    "/hDE6LD7hMjw7VMeXZuhI/wMgoSLb/C98Cvwpw8UiuHww8LzwN62f/y+v2jHXgcmpII7vW"
    "M3YiOX40Ne+COfHh8JelcXA4Kgx96cvcAIsw8hgoCW+S9+24sW1eDa/HP8PUfeFrXJkrhp"
    "grTWV5tehVtDE6RtiCBNBt+ovbYSalgJi0lHAuGUkIIwa/a5HURYs89p9rndnYe7xj6n2u"
    "DV9HOafk7h1U/Tz22Qfk4zpG1o0tZUGqtnMWselzUBpNCbILoarVNOVjM6JaeBfOmKJtLa"
    "CuxdDMLr0v3WSvd3aELeuVQ4Xbz/1npaF+/r4v2ufUtt+HB0PeQmwxi6KO8trCG6KE/Zbp"
    "Yoymszh+5e7PW8V5A9F57pVeXNcR8aWbRrc2fK0hSm4P6SqQkpIeWSa5pab8ozmrofh9zb"
    "2wjUrTi0HWyWbIpQEThIyCiHcius/B5+kabrjWRUquhpgqeXISSNZSSjsUxjyddZmS8/aq"
    "+g4VQnJlseks1FZOc+mRq+58igm5RRwS2QBnhQa2IdVEysg4KJFY2Zcjw1CGL3tgrmhfLp"
    "NS+p0uzQPz49P704OTuNp4j4SNU8kZ8iHMSzPuXxzclpdAvQpfiJ2Qayfqy0lIKTcfNerA"
    "AyyWy7lJASMG/aU7s75exH7c4Ym2ZS2zkP+YbMu+ZnlrGDsccWOiQ5ytNyeqCvNtADFFea"
    "ZnKiug9W6wNoPiFrtT7Iieo+WKcPViC1SsjpJI+uRW5ShhgkVCwXK/RyVlb3dJd7Wkfc30"
    "Q364i7st3ckYj7pfnEnspB1gTNkGDdyYXes016VTF4z55MKTFggUyj8fjfRKm56Azo0dcc"
    "+4jmGNkqx4iHTMSeRZI9IC2lXCJEv45joV/uWOjX34igHONyQ2o33ZWZBIg6RC7H5UQuxz"
    "kil8jdRaawPzhbxVG2kFQQ8OadZYmlY0VrNSuutZ/OaT+pL2wKXRdJhcETIgp+U3U+qfIv"
    "Kp+d7dh8GmI9wjpNqm4uL6kg2s3PYD5BnsHU7aJ60HKw01IKAn1SK7vjpCK74ySf3aG5xl"
    "stYuLM9+7EEDaWJAdwgagmAi5iWJODNSGi4cxm1K0wTPX4rE9UHblc0thKs1R/DC+zm5Au"
    "pahOfKHF/NS5IdsApj9H11EU1ORnuhzV5NqjwV0KbsFS3SVm9bvRv5EZvnvOO7042avyS+"
    "NUszZLw35L0I0Ih+Zz4IjQtNfaJf0GXNLB7udSO7gkRLqxgwu/nzI7uHiIgVFERl6e1JwQ"
    "UcJK3nRK85itLQVfQDngsYCGe0WuDwbgSh7OvKgSXbCBgtU5QwnJlkukhJRAeuODXUdLWo"
    "2WdJFdsEBriSyLtrSUDWzhEVtGOayrI7wZUR3d7XR0d2w73Ldg+QWew0pC5ITUm6b05fyv"
    "PGNHFsKs3JsGUSfSvonJRsfTGo2nBbT0I9mQWkZMw6rDlDpM2bmgjw5Tbj1MGU2UGtilwG"
    "bWFNnwZCI0TCk0p7wopcDIvwqFv//pC3LKCOyygcfL+IoK4Z/zOU1QU3h9FFdTCauNBL8T"
    "w6wqDJ4ejTUC4gZMS2yFNlWHwDcRAieUmWWTYgupyr+ZlFIuBN4C3Qtbq2QpaZMyCjrpj2"
    "t5kI8rXMjHeR9yVGAlgJLAOiunIN7NZ4IT+38LQC5lbYmaa0q/AiYW+VpCXUMoV4EzdzCs"
    "2kiwyt+bEtUO3047fBdarJwGmZXTLrVql1oqfXZNV0UqY3c3wV3qrsiOr06mU4eGeJU1ub"
    "DV61iS5qJ1Z6zIUg2l8MMv0E/C7u2uNdOIclJlNO5CQswGc+maToVZgeNAqybdV02Kt/2r"
    "2JRGod3+NkDrrwu/W7WgPGRibzULKiOqp6lOT1PagtIWlLagelIW1BdBcviJV6UVGE+Js7"
    "0aVIlRcdt2TKYuMMh1KBjUFH9cuTlFbepI6YWxgIJ6Syv7FdoUzaTqT2MBXX2a0lqaqD7V"
    "9IkbVtwJQhYq0OSuMHYQdEs8NrFQBuMRk2oL5PjIZof51d3dp9Qwv7rJlt398vnqmk07An"
    "XWyA6UjnwcT5v47VaY+iM2F05XMkKzstoK7bQVqutzlO3mnE28TZvtC5rxbvT2Su22uEWv"
    "hu3mJRu3xG+fMLdcfzZip9fiutfxsDXjYV2wmDu19jfPuR6O8/pjdyGg880K9FT0zA0pua"
    "zfpIyCg7YNw4tTZUvrLwkxrbx0TnnRxcW6aLNLUZGlRZvbUa7vKRyPL00T+8XVSanzlYo1"
    "4S0NmGjatFqNfY8yoC0xTDjpvnhWrVNvU6dOd0p9D3FSSkElpfkqjni8S8CclNEg1wDZw3"
    "IRvqi9guA2ny05h4S8YLZgye5bnxNUEu4W3PAU07lBkOkhKkv3WCCqQuyjyqppg/PRsgkH"
    "YhX3eEZU7+rcaQtT7+r8FrpZB7uU7eaOBLsukWeb070CSzw806uyweGijS7j2pgip8NWG9"
    "aVB4M6uvJgUK4r83OZqhT2UUkgHDZXEN1WMjvDlMA8wuW5nQmRzWd3bmehbCyPc6uL2V//"
    "D6cB5nI="
)
