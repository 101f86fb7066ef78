# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .deposit_guard import addon_writes, refuse_maintained


class SaleOrder(models.Model):
    """Customer deposits of a sales order: what it holds and what is still due
    (customer.deposit.order.mixin), Register Deposit, the online prepayment the deposit
    suggested on a quotation covers, and deposit requests: a payment link sent to the
    customer, whose payment becomes a deposit (payment_transaction.py)."""

    _name = "sale.order"
    _inherit = ["sale.order", "customer.deposit.order.mixin"]
    _deposit_order_field = "sale_order_id"
    _deposit_cancel_wizard = "sale.order.deposit.cancel"

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

    # The deposit requested so far: what the deposits received held when the last request
    # was sent, plus its amount. A target set by ``request_deposit``, never money: what was
    # received is always read from the deposits.
    deposit_amount_requested = fields.Monetary(
        string="Deposit Requested",
        readonly=True,
        copy=False,
        currency_field="currency_id",
        help="Deposit the customer was asked to have paid on this order by the last deposit "
        "request: the deposits received when it was sent plus the amount requested.",
    )
    deposit_request_due = fields.Monetary(
        compute="_compute_deposit_request_due",
        compute_sudo=True,
        currency_field="currency_id",
        help="Deposit requested and not received yet (requested less the deposits received), "
        "never below zero.",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_online_deposit_amount(self):
        """What the order's confirmed online payments put on deposits (their transactions'
        amount, in the order's currency)."""
        self.ensure_one()
        return sum(
            tx.amount
            for tx in self.sudo().transaction_ids
            if tx.state == "done" and tx.payment_id.deposit_id
        )

    def _get_deposit_request_link(self, amount):
        """Odoo's payment link of the order for ``amount`` (``payment.link.wizard``)."""
        self.ensure_one()
        wizard = (
            self.env["payment.link.wizard"]
            .with_context(active_model=None, active_id=None)
            .create(
                {
                    "res_model": self._name,
                    "res_id": self.id,
                    "amount": amount,
                    "amount_max": self.amount_total - self.amount_paid,
                    "currency_id": self.currency_id.id,
                    "partner_id": self.partner_invoice_id.id,
                }
            )
        )
        return wizard.link

    def _check_deposit_request(self, amount):
        """Refuse a deposit request the customer could not pay as a deposit of this order:
        an order that takes no deposit, a company booking online payments as customer
        payments, an amount not above zero or above what is left to receive."""
        self.ensure_one()
        self._check_deposit_order_open()
        if not self.company_id.deposit_online_payments:
            raise UserError(
                _(
                    "%s books online payments as customer payments, not as deposits: turn on "
                    "'Online Payments of Orders as Deposits' in the deposit settings, or "
                    "register the deposit when the money arrives.",
                    self.company_id.display_name,
                )
            )
        currency = self.currency_id
        left = currency.round(self.amount_total - self.deposit_amount_received)
        if currency.compare_amounts(amount, 0.0) <= 0:
            raise UserError(_("Enter a deposit amount greater than zero to request."))
        if currency.compare_amounts(amount, left) > 0:
            raise UserError(
                _(
                    "Order %(order)s has only %(left)s left to receive: request at most that "
                    "amount.",
                    order=self.name,
                    left=currency.format(left),
                )
            )

    def _get_deposit_suggested_amount(self):
        """Amount proposed when registering a deposit: what the order's online prepayment
        still asks for when one is required, otherwise what is left to pay after deposits."""
        self.ensure_one()
        if self.require_payment and self.prepayment_percent:
            missing = self._get_prepayment_required_amount() - self.deposit_amount_received
            if self.currency_id.compare_amounts(missing, 0.0) > 0:
                return self.currency_id.round(missing)
        return super()._get_deposit_suggested_amount()

    def _get_default_payment_link_values(self):
        """The Request Deposit dialog (``deposit_request`` in its context) proposes the
        deposit the order expects (``_get_deposit_suggested_amount``)."""
        values = super()._get_default_payment_link_values()
        if self.env.context.get("deposit_request"):
            values["amount"] = self._get_deposit_suggested_amount()
        return values

    def _get_deposit_ref(self):
        self.ensure_one()
        return self.client_order_ref or self.name

    def _check_deposit_order_open(self):
        self.ensure_one()
        if self.state not in ("draft", "sent", "sale"):
            raise UserError(
                _(
                    "Order %s is cancelled: a deposit can only be registered on a quotation "
                    "or a confirmed order. Set it back to quotation first.",
                    self.name,
                )
            )

    def _get_deposit_side_error(self):
        return _(
            "A vendor deposit cannot be linked to sales order %s: only customer deposits are "
            "taken on sales orders.",
            self.name,
        )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("deposit_amount_requested", "deposit_amount_received")
    def _compute_deposit_request_due(self):
        for order in self:
            currency = order.currency_id or self.env.company.currency_id
            due = currency.round(order.deposit_amount_requested - order.deposit_amount_received)
            order.deposit_request_due = max(due, 0.0)

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._refuse_deposit_request_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._refuse_deposit_request_fields(vals)
        return super().write(vals)

    def _refuse_deposit_request_fields(self, vals):
        refuse_maintained(
            self,
            {"deposit_amount_requested"}.intersection(vals),
            _("Send a deposit request from the order instead."),
        )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def request_deposit(self, amount=None):
        """Ask the customer for a deposit of ``amount`` (order currency; None: the deposit
        the order expects, ``_get_deposit_suggested_amount``): post Odoo's payment link for
        it to the customer in the order's chatter (by email) and set what is requested to
        the deposits received plus ``amount``. Paid, the link's transaction becomes a
        deposit of the order. Needs the right to change the order (a salesman: his own).
        Returns the link."""
        if len(self) != 1:
            raise UserError(
                _(
                    "A deposit request is sent for exactly one order, not %s: open one order.",
                    len(self),
                )
            )
        self.check_access("write")
        currency = self.currency_id
        if amount is None:
            amount = self._get_deposit_suggested_amount()
        else:
            amount = self.env["customer.deposit"]._parse_amount(amount, currency)
        self._check_deposit_request(amount)
        link = self._get_deposit_request_link(amount)
        formatted = currency.format(amount)
        self.message_post(
            body=Markup('<p>%s</p><p><a href="%s">%s</a></p>')
            % (
                _(
                    "Deposit request: please pay a deposit of %(amount)s for order %(order)s.",
                    amount=formatted,
                    order=self.name,
                ),
                link,
                _("Pay %(amount)s now", amount=formatted),
            ),
            partner_ids=self.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        with addon_writes():
            self.sudo().write(
                {"deposit_amount_requested": currency.round(self.deposit_amount_received + amount)}
            )
        return link

    def action_request_deposit(self):
        """Open the Request Deposit dialog: Odoo's payment link of the order for the
        deposit it expects, sent with ``request_deposit``."""
        self.ensure_one()
        self._check_deposit_order_open()
        return {
            "type": "ir.actions.act_window",
            "name": _("Request Deposit"),
            "res_model": "payment.link.wizard",
            "view_mode": "form",
            "views": [
                (self.env.ref("customer_deposit.payment_link_wizard_view_form_deposit").id, "form")
            ],
            "target": "new",
            "context": {
                "active_model": self._name,
                "active_id": self.id,
                "deposit_request": True,
            },
        }

    def _generate_downpayment_invoices(self):
        """Odoo's automatic invoicing invoices what was paid online as a down payment: not
        the part its online payments put on deposits, which the order's invoices take
        instead (the company's auto-apply setting)."""
        invoices = self.env["account.move"]
        for order in self:
            held = order._get_online_deposit_amount()
            if order.currency_id.is_zero(held):
                invoices |= super(SaleOrder, order)._generate_downpayment_invoices()
                continue
            rest = order.currency_id.round(order.amount_paid - held)
            if order.currency_id.compare_amounts(rest, 0.0) <= 0:
                continue
            wizard = order.env["sale.advance.payment.inv"].create(
                {
                    "sale_order_ids": order,
                    "advance_payment_method": "fixed",
                    "fixed_amount": rest,
                }
            )
            invoices |= wizard._create_invoices(order)
        return invoices

    def action_cancel(self):
        """Before cancelling an order whose posted deposits still hold money, open the
        deposit cancellation dialog (``_get_deposit_cancel_action``)."""
        return self._get_deposit_cancel_action() or super().action_cancel()

    def _cancel_after_deposit_choice(self):
        return self.with_context(
            deposit_cancel_checked=True, disable_cancel_warning=True
        ).action_cancel()

    def _action_cancel(self):
        self._cancel_draft_deposits()
        return super()._action_cancel()
