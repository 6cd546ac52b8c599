"""The public, a newcomer and an LED panel (issue 18), in Chromium: the name search is a GET
that can be linked and gone Back from; an empty result says whose list it is and where the
national one is; ``/`` links every page and ``/docs`` is the API reference without a CDN; the
sandbox's sign-in offers a new WeChat user; the LED player never splits a masked number, fits
a portrait panel, and says in Chinese when its token is refused."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
from playwright.async_api import Browser

from sandbox.server import SandboxServer
from tests.disclosure.helpers import organization_payload
from tests.disclosure.led_support import publish, register
from tests.e2e.person_support import PHONE, shot
from tests.support import CourtSigner

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def test_name_search_is_a_link_and_an_empty_result_points_to_the_national_list(
    browser: Browser, web_servers: list[str], client: httpx.AsyncClient, court: CourtSigner
) -> None:
    base = web_servers[0]
    listed = await publish(client, court)
    context = await browser.new_context(viewport=PHONE, locale="zh-CN")
    page = await context.new_page()
    await page.goto(f"{base}/disclosures")
    await page.locator("#name").fill(str(listed["name"]))
    await page.get_by_role("button", name="按姓名查询").click()
    await page.locator("#results li").first.wait_for()
    assert f"name={quote(str(listed['name']))}" in page.url  # linkable
    await shot(page, "i18-public-search")
    # The link alone, in a new tab, gives the same result; Back asks nothing.
    linked = await context.new_page()
    await linked.goto(page.url)
    assert await linked.locator("#results li").count() == 1
    await page.go_back()
    assert page.url.rstrip("/").endswith("/disclosures")
    await page.locator("#name").wait_for()

    await page.goto(f"{base}/disclosures?name={quote('查无此人某某')}")
    empty = page.locator("#no-results")
    text = await empty.inner_text()
    assert "宁波市海曙区人民法院公布的名单" in text and "中国执行信息公开网" in text
    link = empty.get_by_role("link", name="中国执行信息公开网")
    assert await link.get_attribute("href") == "http://zxgk.court.gov.cn/"
    await shot(page, "i18-public-empty")
    # A number put in the URL is neither searched nor echoed (it is a POST behind sign-in).
    number = str(listed["id_no"])
    await page.goto(f"{base}/disclosures?name={quote(str(listed['name']))}&id_no={number}")
    assert number not in await page.content()
    await context.close()


async def test_the_landing_page_and_the_api_reference(
    browser: Browser, web_servers: list[str]
) -> None:
    base = web_servers[0]
    context = await browser.new_context(viewport=PHONE, locale="zh-CN")
    page = await context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    home = await page.goto(f"{base}/")
    assert home is not None and home.status == 200
    for name, href in (
        ("失信被执行人名单", "/disclosures"),
        ("当事人服务", "/m/"),
        ("法院工作台", "/console/"),
        ("接口文档", "/docs"),
    ):
        assert await page.get_by_role("link", name=name).get_attribute("href") == href
    await shot(page, "i18-landing")
    docs = await page.goto(f"{base}/docs")
    assert docs is not None and docs.status == 200
    assert "script-src 'self'" in (await docs.all_headers())["content-security-policy"]
    assert await page.locator("script").count() == 0  # rendered on the server, no CDN
    operation = page.locator("article.api-op", has_text="/api/court/v1/events").first
    assert "POST" in await operation.inner_text()
    await page.set_viewport_size({"width": 390, "height": 1400})
    await page.screenshot(path="test-artifacts/i18-api-docs.png")
    assert not errors, errors  # nothing refused by the CSP
    await context.close()


async def test_the_sandbox_sign_in_offers_a_new_wechat_user(
    browser: Browser, party_server: str, wechat_sandbox: SandboxServer
) -> None:
    async with httpx.AsyncClient(base_url=wechat_sandbox.url) as admin:
        await admin.post("/_sandbox/config", json={"auto_authorize": False})
        try:
            context = await browser.new_context(viewport=PHONE, locale="zh-CN")
            page = await context.new_page()
            await page.goto(f"{party_server}/m/")
            new_user = page.get_by_role("button", name="以新的微信用户登录（尚未绑定任何案件）")
            await new_user.wait_for()
            await shot(page, "i18-sandbox-sign-in")
            await new_user.click()
            await page.get_by_role("heading", name="我的案件").wait_for()
            assert "绑定案件" in await page.content()
            assert "#" not in page.url  # "#wechat_redirect" removed
            await shot(page, "i18-new-user-cases")
            await context.close()
        finally:
            await admin.post("/_sandbox/config", json={"auto_authorize": True})


async def _lines_fit(page: object) -> bool:
    return bool(
        await page.evaluate(  # type: ignore[attr-defined]
            "[...document.querySelectorAll('#screen .line')]"
            ".every(el => el.scrollWidth <= el.clientWidth + 1)"
        )
    )


@pytest.mark.parametrize(
    ("geometry", "viewport", "name"),
    [
        ({"rows": 4, "cols": 16}, {"width": 960, "height": 300}, "landscape"),
        ({"rows": 14, "cols": 10}, {"width": 360, "height": 760}, "portrait"),
    ],
)
async def test_the_led_player_keeps_masked_numbers_whole_on_any_panel(
    browser: Browser,
    web_servers: list[str],
    client: httpx.AsyncClient,
    court: CourtSigner,
    geometry: dict[str, int],
    viewport: dict[str, int],
    name: str,
) -> None:
    base = web_servers[0]
    org = organization_payload()
    response = await court.request(client, "POST", "/api/court/v1/disclosures", org)
    assert response.status_code == 201, response.text
    sid, token = await register(client, court, refresh_seconds=1, lease_seconds=30, **geometry)
    page = await browser.new_page(viewport=viewport)
    await page.goto(f"{base}/led/{sid}?token={token}")
    await page.wait_for_selector("body[data-state=showing]", timeout=20_000)
    feed = await client.get(
        f"/api/led/v1/screens/{sid}/feed", headers={"Authorization": f"Bearer {token}"}
    )
    lines = [line for p in feed.json()["pages"] for line in p["lines"]]
    code = str(org["id_no"])
    masked = code[:10] + "****" + code[14:]
    assert any(masked in line for line in lines), (masked, lines[:12])  # whole, one line
    assert not any(line.endswith("*") for line in lines), "no line ends inside a mask"
    assert await _lines_fit(page), "no line is cut off on the panel"
    await page.screenshot(path=f"test-artifacts/i18-led-{name}.png")
    await page.close()


async def test_a_refused_token_is_said_in_chinese_on_the_panel(
    browser: Browser, web_servers: list[str], client: httpx.AsyncClient, court: CourtSigner
) -> None:
    sid, _ = await register(client, court)
    page = await browser.new_page(viewport={"width": 960, "height": 300})
    response = await page.goto(f"{web_servers[0]}/led/{sid}?token=wrong-token")
    assert response is not None and response.status == 401
    assert "text/html" in (await response.all_headers())["content-type"]
    text = await page.inner_text("#screen")
    assert "本屏幕未获授权" in text and "{" not in text
    await page.screenshot(path="test-artifacts/i18-led-bad-token.png")
    await page.close()
