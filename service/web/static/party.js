// Party pages (/m/): WeChat's OAuth leaves "#wechat_redirect" in the address; remove it so a
// copied or bookmarked link is clean (issue 18). Nothing else runs here.
(function () {
  "use strict";
  if (window.location.hash === "#wechat_redirect" && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
})();
