# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .customer_deposit import OPEN_STATES

# Deposit states whose money is (or was) held for the order.
POSTED_DEPOSIT_STATES = (*OPEN_STATES, "applied", "refunded", "forfeited")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    deposit_ids = fields.One2many(
        comodel_name="customer.deposit",
        inverse_name="sale_order_id",
        string="Deposits",
        readonly=True,
    )
    deposit_count = fields.Integer(
        compute="_compute_deposit_amounts",
        compute_sudo=True,
    )
    deposit_amount_received = fields.Monetary(
        string="Deposits Received",
        compute="_compute_deposit_amounts",
        compute_sudo=True,
        currency_field="currency_id",
        help="Money received on the posted deposits of this order, in the order's currency "
        "(at each deposit's date), less what was refunded, forfeited or applied to invoices "
        "of other orders. Reversed deposits do not count.",
    )
    deposit_amount_due = fields.Monetary(
        string="Amount Due after Deposits",
        compute="_compute_deposit_amounts",
        compute_sudo=True,
        currency_field="currency_id",
        help="Order total minus the deposits received and what its invoices show as paid "
        "by other means, never below zero; nothing for a cancelled order.",
    )
    deposit_amount_held = fields.Monetary(
        string="Deposits Held",
        compute="_compute_deposit_amounts",
        compute_sudo=True,
        currency_field="currency_id",
        help="Unapplied balance of the order's deposits, in the order's currency: money the "
        "company still owes the customer on this order.",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposits_domain(self):
        """The order's deposits the Deposits button counts and opens: all but cancelled
        drafts."""
        self.ensure_one()
        return [("sale_order_id", "=", self.id), ("state", "!=", "cancel")]

    def _get_posted_deposits(self):
        """Deposits of the order whose payment is posted and not reversed."""
        self.ensure_one()
        return self.deposit_ids.filtered(lambda d: d.state in POSTED_DEPOSIT_STATES)

    def _deposit_to_order_currency(self, deposit, amount):
        """``amount`` of ``deposit`` in the order's currency, at the deposit date's rate."""
        self.ensure_one()
        return deposit.currency_id._convert(amount, self.currency_id, self.company_id, deposit.date)

    def _get_deposit_applied_elsewhere(self, deposit):
        """Part of ``deposit`` (its currency) a billing user applied to invoices of other
        orders or of no order: that money no longer covers this order."""
        self.ensure_one()
        return sum(
            deposit.application_ids.filtered(
                lambda a: a.state == "applied" and a.invoice_id not in self.invoice_ids
            ).mapped("amount")
        )

    def _get_paid_other_than_deposits(self):
        """What the order's posted invoices show as settled by anything but its deposits
        (regular payments, credit notes), in the order's currency."""
        self.ensure_one()
        paid = 0.0
        for invoice in self.invoice_ids.filtered(
            lambda move: move.state == "posted" and move.move_type == "out_invoice"
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
        """Amount proposed when registering a deposit: what the order's online prepayment
        still asks for when one is required, otherwise what is left to pay after deposits."""
        self.ensure_one()
        if self.require_payment and self.prepayment_percent:
            missing = self._get_prepayment_required_amount() - self.deposit_amount_received
            if self.currency_id.compare_amounts(missing, 0.0) > 0:
                return self.currency_id.round(missing)
        return self.deposit_amount_due

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
        """Open the Register Deposit dialog for this order, prefilled with the customer
        (commercial entity), the order, its currency and the suggested amount; the dialog
        posts the deposit and comes back to the order. Nothing is written here. The context
        keys are the deposit's defaults too (``default_amount``, ...).

        Refused for a cancelled order.
        """
        self.ensure_one()
        if self.state not in ("draft", "sent", "sale"):
            raise UserError(
                _(
                    "Order %s is cancelled: a deposit can only be registered on a quotation "
                    "or a confirmed order. Set it back to quotation first.",
                    self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Register Deposit"),
            "res_model": "customer.deposit.register",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_id": self.partner_id.commercial_partner_id.id,
                "default_sale_order_id": self.id,
                "default_company_id": self.company_id.id,
                "default_currency_id": self.currency_id.id,
                "default_amount": self._get_deposit_suggested_amount(),
                "default_ref": self.client_order_ref or self.name,
            },
        }

    def action_view_deposits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_deposit.action_customer_deposit"
        )
        action.update(
            {
                "name": _("Deposits of %s", self.name),
                "display_name": _("Deposits of %s", self.name),
                "domain": self._get_deposits_domain(),
                "context": {
                    "default_partner_id": self.partner_id.commercial_partner_id.id,
                    "default_sale_order_id": self.id,
                    "default_company_id": self.company_id.id,
                    "default_currency_id": self.currency_id.id,
                },
            }
        )
        deposits = self.env["customer.deposit"].search(self._get_deposits_domain())
        if len(deposits) == 1:
            action.update({"views": [(False, "form")], "res_id": deposits.id})
        return action

    def action_cancel(self):
        """Before cancelling an order whose posted deposits still hold money, open the
        deposit cancellation wizard: it says what is held and lets the user keep, refund or
        forfeit it, then comes back here with ``deposit_cancel_checked``."""
        if self.env.context.get("deposit_cancel_checked"):
            return super().action_cancel()
        holding = self.filtered(lambda o: not o.currency_id.is_zero(o.deposit_amount_held))
        if not holding:
            return super().action_cancel()
        if len(self) > 1:
            raise UserError(
                _(
                    "Orders %s hold customer deposits: cancel them one at a time to decide "
                    "what happens to each deposit.",
                    ", ".join(holding.mapped("name")),
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Cancel %s: Deposits Held", self.name),
            "res_model": "sale.order.deposit.cancel",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def _action_cancel(self):
        # Drafts never reached the ledger: they go with the order.
        drafts = self.deposit_ids.filtered(lambda d: d.state == "draft")
        drafts.action_cancel()
        return super()._action_cancel()
