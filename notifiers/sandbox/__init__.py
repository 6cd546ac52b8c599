"""Emulators of WeChat and of the SMS gateway, served as real HTTP servers.

Tests and the demo talk to these over loopback, exactly as the service talks to the real
providers, so nothing in the service is patched. Where to look:

* ``wechat.py``: ``create_wechat_sandbox`` and the full endpoint and admin reference;
* ``sms.py``: ``create_sms_gateway`` (signed ``POST /``, admin under ``/_sandbox/``);
* ``server.py``: ``SandboxServer`` (ephemeral port, background thread) and
  ``python -m notifiers.sandbox.server`` (both sandboxes on one port, SMS under ``/sms``);
* ``fields.py``: ``check_subscribe_field`` / ``check_template_field``, WeChat's value rules;
* ``faults.py``: switchable 5xx / timeout / errcode / latency faults;
* ``events.py``: signed (plain or AES) event pushes to the service's callback.
"""
