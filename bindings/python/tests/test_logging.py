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


def _sentry_payload(hooks):
    """Sends one event through the real sentry_sdk into an in-memory
    transport (nothing leaves the process); returns what reached it."""
    import sentry_sdk
    from sentry_sdk.transport import Transport

    sent = []

    class Memory(Transport):
        def capture_envelope(self, envelope):
            sent.append(envelope.serialize().decode("utf-8", "replace"))

    extra = {"before_send": pl.sentry_before_send(), "before_breadcrumb": pl.sentry_before_breadcrumb()} if hooks else {}
    sentry_sdk.init(dsn="https://key@example.invalid/1", transport=Memory, include_local_variables=True, **extra)
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
        sentry_sdk.init()  # no DSN: later tests send nothing
    assert sent
    return "".join(sent)


def test_sentry_event_masked_at_transport():
    payload = _sentry_payload(hooks=True)
    assert "ValueError" in payload and "no record for" in payload and "opened chart of" in payload
    assert "John Smith" not in payload and "123-45-6789" not in payload and "617-555-0199" not in payload


def test_sentry_without_the_hooks_leaks_so_the_test_above_can_fail():
    # The control: the same event without the hooks carries the PHI in the
    # exception value, the breadcrumb, the extra and the frame's locals.
    payload = _sentry_payload(hooks=False)
    assert payload.count("John Smith") >= 3 and "123-45-6789" in payload and "617-555-0199" in payload


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


def test_without_the_filter_the_name_reaches_the_handler_and_with_it_not():
    def emit(filtered, where):
        stream = io.StringIO()
        log = logging.getLogger(f"phimask-control-{filtered}-{where}")
        handler = logging.StreamHandler(stream)
        log.handlers[:] = [handler]
        log.setLevel(logging.INFO)
        log.propagate = False
        if filtered:
            (handler if where == "handler" else log).addFilter(pl.PhiFilter())
        name = "John Smith"
        log.info("seen %s", name)
        try:
            raise KeyError(f"no chart for {name}")
        except KeyError:
            log.exception("lookup failed for %s", name)
        return stream.getvalue()

    assert emit(False, "logger").count("John Smith") == 3
    for where in ("logger", "handler"):
        out = emit(True, where)
        assert "John Smith" not in out
        assert "seen " in out and "lookup failed for" in out and "KeyError" in out
