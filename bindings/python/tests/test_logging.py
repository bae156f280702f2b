import io
import logging

import phimask.logging as pl


def test_phi_filter_masks_formatted_message_and_args():
    stream = io.StringIO()
    log = logging.getLogger("phimask-test")
    log.handlers[:] = [logging.StreamHandler(stream)]
    log.setLevel(logging.INFO)
    log.propagate = False
    log.addFilter(pl.PhiFilter())
    name = "John Smith"
    log.info("seen %s", name)
    log.info("SSN %s for %s", "123-45-6789", name)
    out = stream.getvalue()
    assert "John Smith" not in out and "123-45-6789" not in out
    assert out.count("seen ") == 1


def test_structlog_processor():
    import structlog

    cap = structlog.testing.LogCapture()
    structlog.configure(processors=[pl.structlog_processor(), cap])
    structlog.get_logger().info("patient John Smith", ssn="123-45-6789", n=3)
    (entry,) = cap.entries
    assert "John Smith" not in entry["event"] and "123-45" not in entry["ssn"]
    assert entry["n"] == 3
    structlog.reset_defaults()


def test_sentry_event_masked_at_transport():
    import sentry_sdk
    from sentry_sdk.transport import Transport

    sent = []

    class Memory(Transport):
        def capture_envelope(self, envelope):
            sent.append(envelope.serialize().decode("utf-8", "replace"))

    sentry_sdk.init(
        dsn="https://key@example.invalid/1",
        transport=Memory,
        before_send=pl.sentry_before_send(),
        before_breadcrumb=pl.sentry_before_breadcrumb(),
        include_local_variables=True,
    )
    try:
        sentry_sdk.add_breadcrumb(message="opened chart of John Smith", data={"ssn": "123-45-6789"})
        sentry_sdk.set_extra("note", "Call 617-555-0199")
        patient = "John Smith"  # a local variable
        try:
            raise ValueError(f"no record for {patient}, SSN 123-45-6789")
        except ValueError:
            sentry_sdk.capture_exception()
        sentry_sdk.flush()
    finally:
        sentry_sdk.get_client().close()
    assert sent
    payload = "".join(sent)
    assert "ValueError" in payload
    assert "John Smith" not in payload and "123-45-6789" not in payload and "617-555-0199" not in payload


def test_before_send_masks_breadcrumbs_without_the_breadcrumb_hook():
    # Crumbs recorded before the hooks were installed reach before_send
    # unmasked: it scrubs them with the same function as before_breadcrumb,
    # in both of Sentry's shapes, and a crumb that is not a dict as a value.
    import phimask.logging as pl

    hook = pl.sentry_before_send()
    crumb = {"message": "chart of John Smith", "data": {"ssn": "SSN 123-45-6789"}}
    for crumbs in ({"values": [dict(crumb), "seen John Smith"]}, [dict(crumb), "seen John Smith"]):
        event = hook({"breadcrumbs": crumbs}, {})
        out = str(event["breadcrumbs"])
        assert "John Smith" not in out and "123-45-6789" not in out
        assert "chart of" in out and "seen" in out
    alone = pl.sentry_before_breadcrumb()(dict(crumb), {})
    assert alone["message"].startswith("chart of ") and "John" not in alone["message"]
    assert "123-45-6789" not in alone["data"]["ssn"]
