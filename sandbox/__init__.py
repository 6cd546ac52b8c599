"""The fake WeChat and SMS gateway, and the demo: used by ``dev.py demo``, the tests and the
benchmarks, never packaged into the wheel or the image (the product imports nothing here).

The emulators are real HTTP servers: tests and the demo talk to them over loopback, exactly as
the service talks to the real providers, so nothing in the service is patched. Where to look:

* ``wechat.py``: ``create_wechat_sandbox`` and the full endpoint and admin reference;
* ``sms.py``: ``create_sms_gateway`` (signed ``POST /``, admin under ``/_sandbox/``);
* ``server.py``: ``SandboxServer`` (ephemeral port, background thread) and
  ``python -m sandbox.server`` (both sandboxes on one port, SMS under ``/sms``);
* ``wechat_fields.py``: ``check_subscribe_field`` / ``check_template_field``, WeChat's rules;
* ``faults.py``: switchable 5xx / timeout / errcode / latency faults;
* ``wechat_events.py``: signed (plain or AES) event pushes to the service's callback;
* ``demo.py``: ``python -m sandbox.demo``, the whole service on one machine with demo data
  (``demo_data.py``), what ``python3 dev.py demo`` runs.
"""
