/* microcourt LED player (contract §3.1).
 *
 * Polls the feed with If-None-Match, rotates the pages, acknowledges the version it shows,
 * and blanks itself by its own clock when the lease runs out: the lease is renewed only by
 * an answer from the service (200 or 304), and measured with performance.now(), so neither
 * a lost network nor a wrong wall clock keeps stale content on the panel.
 */
(function () {
  "use strict";
  var body = document.body;
  var box = document.getElementById("screen");
  var screenId = body.dataset.screen;
  var rows = parseInt(body.dataset.rows, 10);
  var cols = parseInt(body.dataset.cols, 10);
  var refreshMs = parseInt(body.dataset.refresh, 10) * 1000;
  var leaseMs = parseInt(body.dataset.lease, 10) * 1000;
  var token = new URLSearchParams(window.location.search).get("token") || "";
  var base = "/api/led/v1/screens/" + encodeURIComponent(screenId);

  var pages = [];
  var version = null;
  var etag = null;
  var ackedVersion = null;
  var leaseEnd = 0; // performance.now() deadline; 0 = no lease yet
  var pageIndex = 0;
  var pageEnd = 0;
  var blank = true;

  var baseSize = 8;

  function fit() {
    var w = window.innerWidth, h = window.innerHeight;
    // One CJK character per cell, plus the box's padding (0.3em each side, 0.2em top and
    // bottom) and the line height: on a portrait panel (few columns) the padding is a large
    // share of the width, so it is counted, not guessed.
    var size = Math.floor(Math.min(w / (cols + 0.7), h / (rows * 1.12 + 0.5)));
    baseSize = Math.max(size, 8);
    box.style.fontSize = baseSize + "px";
    shrinkToFit();
  }

  // Half-width characters are not exactly half a CJK cell in every font: if a line is still
  // wider than the panel, make the whole page a little smaller so nothing is cut off.
  function shrinkToFit() {
    box.style.fontSize = baseSize + "px";
    var widest = 0;
    var lines = box.querySelectorAll(".line");
    for (var i = 0; i < lines.length; i++) {
      var el = lines[i];
      if (el.scrollWidth > el.clientWidth && el.clientWidth > 0) {
        widest = Math.max(widest, el.scrollWidth / el.clientWidth);
      }
    }
    if (widest > 1) {
      box.style.fontSize = Math.max(8, Math.floor(baseSize / widest)) + "px";
    }
  }

  function refuse() {
    // The token was refused (changed or revoked): nothing listed stays on the panel, and
    // the technician reads why.
    clear();
    box.className = "notice";
    var title = document.createElement("p");
    title.className = "line title";
    title.textContent = "本屏幕未获授权";
    var text = document.createElement("p");
    text.className = "line";
    text.textContent = "访问令牌已失效，请联系法院信息技术人员重新配置本屏幕。";
    box.appendChild(title);
    box.appendChild(text);
    blank = true;
    body.classList.remove("blank");
    body.dataset.state = "refused";
  }

  function clear() {
    while (box.firstChild) box.removeChild(box.firstChild);
  }

  function setBlank() {
    if (blank) return;
    blank = true;
    clear(); // remove the text, not only hide it
    body.classList.add("blank");
    body.dataset.state = "blank";
  }

  function show(index) {
    var page = pages[index];
    clear();
    if (!page) return;
    page.lines.forEach(function (text, i) {
      var div = document.createElement("div");
      div.className = i === 0 && rows >= 2 ? "line title" : "line";
      div.textContent = text;
      box.appendChild(div);
    });
    box.className = "";
    shrinkToFit();
    blank = false;
    body.classList.remove("blank");
    body.dataset.state = "showing";
    body.dataset.version = String(version);
    body.dataset.page = String(index);
    pageEnd = performance.now() + Math.max(1, page.seconds) * 1000;
  }

  function ack() {
    if (version === null || ackedVersion === version) return;
    var v = version;
    fetch(base + "/ack", {
      method: "POST",
      headers: { "Authorization": "Bearer " + token, "Content-Type": "application/json" },
      body: JSON.stringify({ version: v }),
      cache: "no-store",
    }).then(function (r) {
      if (r.status === 204) ackedVersion = v;
    }).catch(function () { /* retried after the next poll */ });
  }

  function poll() {
    var started = performance.now();
    var headers = { "Authorization": "Bearer " + token };
    if (etag) headers["If-None-Match"] = etag;
    fetch(base + "/feed", { headers: headers, cache: "no-store" })
      .then(function (r) {
        if (r.status === 304) {
          leaseEnd = started + leaseMs;
          return null;
        }
        if (r.status !== 200) {
          if (r.status === 401) { leaseEnd = 0; setBlank(); refuse(); }
          return null;
        }
        return r.json().then(function (doc) {
          leaseMs = (doc.lease_seconds || leaseMs / 1000) * 1000;
          leaseEnd = started + leaseMs;
          etag = r.headers.get("ETag");
          var changed = doc.version !== version;
          version = doc.version;
          pages = doc.pages || [];
          if (changed || blank) {
            pageIndex = 0;
            show(0);
          }
        });
      })
      .catch(function () { /* network gone: the lease decides */ })
      .then(function () {
        if (!blank) ack();
        window.setTimeout(poll, refreshMs);
      });
  }

  function tick() {
    var now = performance.now();
    if (leaseEnd === 0 || now >= leaseEnd) {
      setBlank();
    } else if (pages.length && (blank || now >= pageEnd)) {
      pageIndex = blank ? 0 : (pageIndex + 1) % pages.length;
      show(pageIndex);
    }
  }

  window.addEventListener("resize", fit);
  fit();
  body.dataset.state = "blank";
  poll();
  window.setInterval(tick, 200);
})();
