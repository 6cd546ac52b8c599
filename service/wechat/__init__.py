"""Every call this service makes to WeChat.

* :mod:`service.wechat.client` — :class:`~service.wechat.client.WeChat`: the process's one HTTP
  client and the Official Account and Mini Program apps on it;
* :mod:`service.wechat.api` — an app's ``stable_token`` (cached in Redis), its template and
  subscribe sends, the per-app rate limit;
* :mod:`service.wechat.errors` — what an ``errcode`` means for the caller (retry, refresh,
  defer, fall back, alert);
* :mod:`service.wechat.oauth` — the H5 consent URL and the sign-in code exchanges;
* :mod:`service.wechat.jssdk` — the jsapi ticket and the ``wx.config`` signature.

What is about our own messages (the templates file, fitting values to fields, WeChat's
callback with receipts) is the notifiers' (``notifiers/templates.py``, ``fields.py``,
``wechat_callback.py``).
"""
