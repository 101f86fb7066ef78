# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from .customer_deposit_requirement_mixin import DEPOSIT_REQUIREMENT_FIELDS
from .deposit_guard import addon_writes, refuse_maintained

# Who may confirm an order (and, with the stock bridge, deliver it) without its required
# deposit, and lower a confirmed order's requirement.
DEPOSIT_OVERRIDE_GROUP = "sales_team.group_sale_manager"


class SaleOrder(models.Model):
    """Customer deposits of a sales order: what it holds and what is still due
    (customer.deposit.order.mixin), Register Deposit, the online prepayment the deposit
    suggested on a quotation covers, deposit requests (a payment link sent to the customer,
    whose payment becomes a deposit: payment_transaction.py) and the deposit the order
    requires before it is confirmed (customer.deposit.requirement.mixin; the stock bridge
    also holds its deliveries)."""

    _name = "sale.order"
    _inherit = [
        "sale.order",
        "customer.deposit.order.mixin",
        "customer.deposit.requirement.mixin",
    ]
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
    # The requirement: from the customer, else the payment terms, while the order is a
    # quotation; a confirmed order keeps it, and only a sales manager changes it then.
    deposit_required_type = fields.Selection(
        compute="_compute_deposit_requirement",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Deposit to receive before the order is confirmed (and, with Inventory, "
        "delivered), unless a sales manager overrides. Proposed by the customer, else by "
        "the payment terms.",
    )
    deposit_required_percent = fields.Float(
        compute="_compute_deposit_requirement",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    deposit_required_fixed = fields.Monetary(
        compute="_compute_deposit_requirement",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Amount in the order's currency to receive as deposits before the order is confirmed.",
    )
    deposit_required_amount = fields.Monetary(
        string="Deposit Required",
        compute="_compute_deposit_required_amount",
        currency_field="currency_id",
        help="The deposit the order requires, in its currency: the percentage of its total, "
        "or the fixed amount.",
    )
    deposit_required_missing = fields.Monetary(
        string="Deposit Missing",
        compute="_compute_deposit_required_missing",
        compute_sudo=True,
        currency_field="currency_id",
        help="Required deposit less the deposits received on the order (and the online "
        "payments of the order not yet posted), never below zero.",
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
        """Amount proposed when registering a deposit: what the order's required deposit
        still misses, else what its online prepayment still asks for when one is required,
        otherwise what is left to pay after deposits."""
        self.ensure_one()
        if self._is_deposit_required_missing():
            return self.deposit_required_missing
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

    def _get_deposit_requirement_source(self):
        """Where the order's requirement comes from: its customer (commercial entity, in the
        order's company) when it sets one, else its payment terms when they do; None."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id.with_company(self.company_id)
        if partner.deposit_required_type:
            return partner
        if self.payment_term_id.deposit_required_type:
            return self.payment_term_id
        return None

    def _get_deposit_online_pending(self):
        """Money paid online for the order (Odoo's authorized or done transactions of this
        order alone) that is not a posted payment yet, in the order's currency. Odoo confirms
        an order paid online before it posts the payment (and so the deposit): that money
        counts towards the requirement meanwhile."""
        self.ensure_one()
        pending = 0.0
        for tx in self.sudo().transaction_ids:
            if (
                tx.state in ("authorized", "done")
                and tx.operation != "validation"
                and not tx.payment_id
                and tx.sale_order_ids == self
            ):
                pending += tx.currency_id._convert(
                    tx.amount, self.currency_id, self.company_id, fields.Date.context_today(self)
                )
        return pending

    def _is_deposit_required_missing(self):
        self.ensure_one()
        return self.currency_id.compare_amounts(self.deposit_required_missing, 0.0) > 0

    @api.model
    def _can_override_deposit_requirement(self):
        """A sales manager, acting himself, may confirm (and deliver) an order without its
        required deposit and change a confirmed order's requirement. Odoo's own flows (run
        as superuser: online payment, portal signature) never override: they confirm only
        orders whose deposit is there."""
        return not self.env.su and self.env.user.has_group(DEPOSIT_OVERRIDE_GROUP)

    def _get_deposit_requirement_figures(self):
        """The order's name and its required, received and missing deposit, formatted in its
        currency: the placeholders of the refusals and notes about the requirement."""
        self.ensure_one()
        return {
            "order": self.name,
            "required": formatLang(
                self.env, self.deposit_required_amount, currency_obj=self.currency_id
            ),
            "received": formatLang(
                self.env, self.deposit_amount_received, currency_obj=self.currency_id
            ),
            "missing": formatLang(
                self.env, self.deposit_required_missing, currency_obj=self.currency_id
            ),
            "user": self.env.user.name,
        }

    def _check_deposit_requirement_confirm(self):
        """Refuse confirming quotations whose required deposit is missing unless the user
        may override (``_can_override_deposit_requirement``); return those the user
        confirms without their deposit (each gets a note once confirmed)."""
        missing = self.filtered(
            lambda o: o.state in ("draft", "sent") and o._is_deposit_required_missing()
        )
        if missing and not self._can_override_deposit_requirement():
            raise UserError(
                _(
                    "Order %(order)s cannot be confirmed before it holds the deposit it "
                    "requires: %(required)s required, %(received)s received, %(missing)s "
                    "missing. Register the missing deposit on the order (Register Deposit), "
                    "or ask a sales manager to confirm it without the deposit.",
                    **missing[0]._get_deposit_requirement_figures(),
                )
            )
        return missing

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

    @api.depends("partner_id", "payment_term_id", "company_id", "currency_id")
    def _compute_deposit_requirement(self):
        """A quotation takes its requirement from its customer, else its payment terms (a
        fixed amount converted from the company's currency at the order date); a confirmed
        order keeps its own, even if its customer or terms change."""
        for order in self:
            origin = order._origin
            if origin.id and origin.state not in ("draft", "sent"):
                order.update({fname: origin[fname] for fname in DEPOSIT_REQUIREMENT_FIELDS})
                continue
            source = order._get_deposit_requirement_source()
            if not source:
                order.update(
                    {
                        "deposit_required_type": "none",
                        "deposit_required_percent": 0.0,
                        "deposit_required_fixed": 0.0,
                    }
                )
                continue
            values = source._get_deposit_requirement_values()
            currency = order.currency_id or order.company_id.currency_id
            values["deposit_required_fixed"] = source.currency_id._convert(
                values["deposit_required_fixed"],
                currency,
                order.company_id or self.env.company,
                order.date_order or fields.Date.context_today(order),
            )
            order.update(values)

    @api.depends(
        "deposit_required_type",
        "deposit_required_percent",
        "deposit_required_fixed",
        "amount_total",
        "currency_id",
    )
    def _compute_deposit_required_amount(self):
        for order in self:
            currency = order.currency_id or self.env.company.currency_id
            amount = 0.0
            if order.deposit_required_type == "percent":
                amount = order.amount_total * order.deposit_required_percent / 100.0
            elif order.deposit_required_type == "fixed":
                amount = order.deposit_required_fixed
            order.deposit_required_amount = currency.round(amount)

    @api.depends(
        "deposit_required_amount",
        "deposit_amount_received",
        "transaction_ids.state",
        "transaction_ids.payment_id",
    )
    def _compute_deposit_required_missing(self):
        """Required less received (what the posted deposits hold, or held and applied to
        the order's invoices: ``deposit_amount_received``) and online payments not posted
        yet; never below zero. Read from the ledger, never kept."""
        for order in self:
            currency = order.currency_id or self.env.company.currency_id
            missing = currency.round(
                order.deposit_required_amount
                - order.deposit_amount_received
                - (order._get_deposit_online_pending() if order.id else 0.0)
            )
            order.deposit_required_missing = max(missing, 0.0)

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._refuse_deposit_request_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        """What was requested is the addon's; a confirmed order's requirement is changed by
        a sales manager only: lowering it would release the order's deliveries without the
        deposit."""
        self._refuse_deposit_request_fields(vals)
        if any(fname in vals for fname in DEPOSIT_REQUIREMENT_FIELDS):
            self._check_deposit_requirement_vals(vals)
            if not self._can_override_deposit_requirement() and not self.env.su:
                changed = self.filtered(
                    lambda o: o.state == "sale" and o._is_deposit_requirement_changed(vals)
                )
                if changed:
                    raise UserError(
                        _(
                            "Order %s is confirmed: only a sales manager can change the "
                            "deposit it requires.",
                            changed[0].name,
                        )
                    )
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

    def action_confirm(self):
        """Confirm the quotations once they hold their required deposit; a sales manager
        may confirm them without it, which is noted on each order."""
        overridden = self._check_deposit_requirement_confirm()
        result = super().action_confirm()
        for order in overridden:
            order.message_post(
                body=_(
                    "Confirmed by %(user)s without the required deposit: %(missing)s of the "
                    "%(required)s required was missing (%(received)s received).",
                    **order._get_deposit_requirement_figures(),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return result

    def _validate_order(self):
        """Odoo confirms a quotation its customer signed on the portal through here, as
        superuser: one whose required deposit is missing stays a quotation, with a note for
        the salesperson, rather than refusing the customer's signature."""
        waiting = self.filtered(lambda o: o._is_deposit_required_missing())
        for order in waiting:
            order.message_post(
                body=_(
                    "Accepted by the customer, but order %(order)s stays a quotation until "
                    "it holds the deposit it requires: %(required)s required, %(received)s "
                    "received, %(missing)s missing.",
                    **order._get_deposit_requirement_figures(),
                ),
                subtype_xmlid="mail.mt_note",
            )
        if self - waiting:
            return super(SaleOrder, self - waiting)._validate_order()
        return None

    def _is_confirmation_amount_reached(self):
        """Odoo confirms a quotation paid online (as superuser) once the payments reach its
        prepayment: they must also cover its required deposit."""
        return super()._is_confirmation_amount_reached() and not self._is_deposit_required_missing()

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
