# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may set what the addon maintains.

The fields that make up the deposit ledger (a deposit's number, receipt, account, state and
amounts; the deposit tags of journal entries and payments; applications) are written only by
the addon's own code. That code runs its writes inside ``addon_writes()``; everything else,
whatever context it passes, is refused by the models' ``create``/``write``.

A ``ContextVar`` rather than a context key: context keys come from the caller over RPC, a
variable of the running request cannot be set by anybody but the server's own code.
"""

import contextlib
import contextvars

from odoo.exceptions import AccessError

_ADDON_WRITES = contextvars.ContextVar("customer_deposit_addon_writes", default=0)


@contextlib.contextmanager
def addon_writes():
    """Run the block as the addon itself: its protected fields and entries may be written."""
    token = _ADDON_WRITES.set(_ADDON_WRITES.get() + 1)
    try:
        yield
    finally:
        _ADDON_WRITES.reset(token)


def is_addon_write():
    return _ADDON_WRITES.get() > 0


def refuse_maintained(records, field_names, what_to_do):
    """Raise an AccessError naming the maintained fields ``field_names`` of ``records``'
    model a caller tried to set, unless the addon itself is writing."""
    if not field_names or is_addon_write():
        return
    labels = sorted(records._fields[name]._description_string(records.env) for name in field_names)
    raise AccessError(
        records.env._(
            "%(fields)s of %(model)s are kept by Customer Deposits and cannot be set by hand. "
            "%(what_to_do)s",
            fields=", ".join(labels),
            model=records._description,
            what_to_do=what_to_do,
        )
    )


# Values of the deposit payment being built that come from the server flow building it (an
# online payment transaction: its link and token), not from the deposit. A ContextVar for the
# same reason as above: no caller can slip values into a deposit's payment.
_PAYMENT_EXTRA_VALS = contextvars.ContextVar("customer_deposit_payment_extra_vals", default=None)


@contextlib.contextmanager
def payment_extra_vals(vals):
    """Add ``vals`` to the deposit payments (receipt or refund) built inside the block."""
    token = _PAYMENT_EXTRA_VALS.set(dict(vals))
    try:
        yield
    finally:
        _PAYMENT_EXTRA_VALS.reset(token)


def get_payment_extra_vals():
    return dict(_PAYMENT_EXTRA_VALS.get() or {})
