# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError

from .customer_deposit import OPEN_STATES
from .deposit_sides import DEPOSIT_SIDES

# Deposit states whose money is (or was) held for the order.
POSTED_DEPOSIT_STATES = (*OPEN_STATES, "applied", "refunded", "forfeited")


class CustomerDepositOrderMixin(models.AbstractModel):
    """An order deposits are taken for: a sales order (customer deposits), a purchase order
    with the purchase bridge (vendor deposits).

    The order model names the deposit's field that links to it (``_deposit_order_field``,
    one of ``customer.deposit._get_order_link_fields``), its cancellation dialog
    (``_deposit_cancel_wizard``, a ``customer.deposit.order.cancel``) and defines
    ``deposit_ids`` and the amounts computed here (``deposit_count``,
    ``deposit_amount_received``, ``deposit_amount_held``, ``deposit_amount_due``) with its
    own labels. The mixin computes them from the deposits and the order's invoices (bills),
    and gives the Deposits button, the Register (Pay) Deposit dialog and the check made
    before cancelling an order that holds deposits.
    """

    _name = "customer.deposit.order.mixin"
    _description = "Order Holding Deposits"

    # The deposit's field linking it to an order of this model.
    _deposit_order_field = None
    # The dialog shown when an order holding deposits is cancelled.
    _deposit_cancel_wizard = None

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _get_deposit_partner_type(self):
        """The side of the deposits taken on orders of this model."""
        return self.env["customer.deposit"]._get_order_link_fields()[self._deposit_order_field]

    def _get_deposits_domain(self):
        """The order's deposits the Deposits button counts and opens: all but cancelled
        drafts."""
        self.ensure_one()
        return [(self._deposit_order_field, "=", self.id), ("state", "!=", "cancel")]

    def _get_posted_deposits(self):
        """Deposits of the order whose payment is posted and not reversed."""
        self.ensure_one()
        return self.deposit_ids.filtered(lambda d: d.state in POSTED_DEPOSIT_STATES)

    def _deposit_to_order_currency(self, deposit, amount):
        """``amount`` of ``deposit`` in the order's currency, at the deposit date's rate."""
        self.ensure_one()
        return deposit.currency_id._convert(amount, self.currency_id, self.company_id, deposit.date)

    def _get_deposit_applied_elsewhere(self, deposit):
        """Part of ``deposit`` (its currency) a billing user applied to invoices (bills) of
        other orders or of no order: that money no longer covers this order."""
        self.ensure_one()
        return sum(
            deposit.application_ids.filtered(
                lambda a: a.state == "applied" and a.invoice_id not in self.invoice_ids
            ).mapped("amount")
        )

    def _get_paid_other_than_deposits(self):
        """What the order's posted invoices (a purchase order's bills) show as settled by
        anything but its deposits (regular payments, credit notes), in the order's
        currency."""
        self.ensure_one()
        invoice_type = DEPOSIT_SIDES[self._get_deposit_partner_type()]["invoice_type"]
        paid = 0.0
        for invoice in self.invoice_ids.filtered(
            lambda move: move.state == "posted" and move.move_type == invoice_type
        ):
            by_deposits = sum(
                invoice.deposit_application_ids.filtered(lambda a: a.state == "applied").mapped(
                    "amount_invoice_currency"
                )
            )
            settled = invoice.amount_total - invoice.amount_residual - by_deposits
            paid += invoice.currency_id._convert(
                settled, self.currency_id, self.company_id, invoice.invoice_date or invoice.date
            )
        return paid

    def _get_deposit_suggested_amount(self):
        """Amount proposed when registering (paying) a deposit: what is left to pay after
        deposits."""
        self.ensure_one()
        return self.deposit_amount_due

    def _get_deposit_ref(self):
        """The reference a deposit registered on the order gets: the partner's reference of
        the order, else its number."""
        self.ensure_one()
        return self.name

    def _check_deposit_order_open(self):
        """Refuse registering (paying) a deposit on an order that cannot take one. The order
        model says why in its own words."""
        raise NotImplementedError()

    def _get_deposit_side_error(self):
        """The message refusing a deposit of the other side on this order."""
        raise NotImplementedError()

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends(
        "deposit_ids.state",
        "deposit_ids.amount",
        "deposit_ids.amount_refunded",
        "deposit_ids.amount_forfeited",
        "deposit_ids.amount_residual",
        "deposit_ids.application_ids.state",
        "invoice_ids.state",
        "invoice_ids.amount_residual",
        "amount_total",
        "currency_id",
        "state",
    )
    def _compute_deposit_amounts(self):
        """Received (paid, on a purchase order): what the posted deposits still hold for the
        order or applied to its invoices; held: their unapplied balance; due: the total less
        what was received and what its invoices show as paid otherwise."""
        for order in self:
            received = held = 0.0
            for deposit in order._get_posted_deposits():
                kept = (
                    deposit.amount
                    - deposit.amount_refunded
                    - deposit.amount_forfeited
                    - order._get_deposit_applied_elsewhere(deposit)
                )
                received += order._deposit_to_order_currency(deposit, kept)
                held += order._deposit_to_order_currency(deposit, deposit.amount_residual)
            currency = order.currency_id or self.env.company.currency_id
            due = currency.round(
                order.amount_total - received - order._get_paid_other_than_deposits()
            )
            if order.state == "cancel":
                due = 0.0
            order.deposit_amount_received = currency.round(received)
            order.deposit_amount_held = currency.round(held)
            order.deposit_amount_due = 0.0 if currency.compare_amounts(due, 0.0) < 0 else due
            order.deposit_count = len(order.deposit_ids.filtered(lambda d: d.state != "cancel"))

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_register_deposit(self):
        """Open the Register Deposit dialog (Pay Deposit, on a purchase order) for this
        order, prefilled with its partner (commercial entity), the order, its currency and
        the suggested amount; the dialog posts the deposit and comes back to the order.
        Nothing is written here. The context keys are the deposit's defaults too
        (``default_amount``, ...).

        Refused for a cancelled order (``_check_deposit_order_open``).
        """
        self.ensure_one()
        self._check_deposit_order_open()
        partner_type = self._get_deposit_partner_type()
        return {
            "type": "ir.actions.act_window",
            "name": _("Pay Deposit") if partner_type == "supplier" else _("Register Deposit"),
            "res_model": "customer.deposit.register",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_type": partner_type,
                "default_partner_id": self.partner_id.commercial_partner_id.id,
                f"default_{self._deposit_order_field}": self.id,
                "default_company_id": self.company_id.id,
                "default_currency_id": self.currency_id.id,
                "default_amount": self._get_deposit_suggested_amount(),
                "default_ref": self._get_deposit_ref(),
            },
        }

    def action_view_deposits(self):
        """Smart button: the order's deposits (the deposit itself when there is one)."""
        self.ensure_one()
        partner_type = self._get_deposit_partner_type()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            DEPOSIT_SIDES[partner_type]["action"]
        )
        action.update(
            {
                "name": _("Deposits of %s", self.name),
                "display_name": _("Deposits of %s", self.name),
                "domain": self._get_deposits_domain(),
                "context": {
                    "default_partner_type": partner_type,
                    "default_partner_id": self.partner_id.commercial_partner_id.id,
                    f"default_{self._deposit_order_field}": self.id,
                    "default_company_id": self.company_id.id,
                    "default_currency_id": self.currency_id.id,
                },
            }
        )
        deposits = self.env["customer.deposit"].search(self._get_deposits_domain())
        if len(deposits) == 1:
            action.update({"views": [(False, "form")], "res_id": deposits.id})
        return action

    def _get_deposit_cancel_action(self):
        """Before cancelling orders: the dialog saying what their posted deposits still hold
        and letting the user keep, refund or forfeit it (``_deposit_cancel_wizard``, which
        cancels the order with ``deposit_cancel_checked``); None when nothing is held or
        the user already chose."""
        if self.env.context.get("deposit_cancel_checked"):
            return None
        holding = self.filtered(lambda o: not o.currency_id.is_zero(o.deposit_amount_held))
        if not holding:
            return None
        if len(self) > 1:
            names = ", ".join(holding.mapped("name"))
            raise UserError(
                _(
                    "Orders %s hold vendor deposits: cancel them one at a time to decide what "
                    "happens to each deposit.",
                    names,
                )
                if self._get_deposit_partner_type() == "supplier"
                else _(
                    "Orders %s hold customer deposits: cancel them one at a time to decide "
                    "what happens to each deposit.",
                    names,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Cancel %s: Deposits Held", self.name),
            "res_model": self._deposit_cancel_wizard,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def _cancel_draft_deposits(self):
        """Drafts never reached the ledger: they go with the cancelled order, whoever may
        cancel it."""
        self.deposit_ids.filtered(lambda d: d.state == "draft").sudo().action_cancel()

    def _cancel_after_deposit_choice(self):
        """Cancel the order once the user chose what happens to its deposits (the
        cancellation dialog calls it)."""
        raise NotImplementedError()
