# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools.misc import clean_context


class CustomerDepositRegister(models.TransientModel):
    """Register Deposit dialog (from a sales order, a customer or a vendor), laid out like
    Odoo's Register Payment: it collects the amount, journal, payment method, date and
    payment reference, then creates the deposit and posts it through the public API
    (``customer.deposit.create`` + ``action_post``) as the user. Every rule (a salesman only
    on an order he can read and never for a vendor, a cancelled order, the amount, the
    reference, lock dates...) is the deposit's. ``partner_type`` (default ``customer``)
    says whether the money is received from a customer or paid to a vendor."""

    _name = "customer.deposit.register"
    _description = "Register a Customer Deposit"
    _inherit = ["customer.deposit.payment.method.mixin"]
    _check_company_auto = True
    _deposit_payment_type_depends = ("partner_type",)

    partner_type = fields.Selection(
        selection=lambda self: self.env["customer.deposit"]._fields["partner_type"].selection,
        string="Deposit Side",
        required=True,
        default="customer",
        readonly=True,
    )

    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sales Order",
        readonly=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        compute="_compute_company_id",
        store=True,
        precompute=True,
    )
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        required=True,
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Bank or cash journal the money was received in (or paid from, to a vendor).",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    amount = fields.Monetary(
        string="Amount Received",
        currency_field="currency_id",
        compute="_compute_amount",
        store=True,
        readonly=False,
        precompute=True,
        help="Proposed from the order: what its prepayment still asks for when it requires "
        "one, otherwise what is left to pay after its deposits.",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Day the money was received: the payment is posted on it, at that day's rate.",
    )
    payment_reference = fields.Char(
        help="Cheque number, transfer reference or receipt number of the money received.",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposit_payment_type(self):
        return self.env["customer.deposit"]._get_side(self.partner_type)["payment_type"]

    @api.model
    def _get_order_fields(self):
        """The dialog's order fields: those of the deposit's order links
        (``customer.deposit._get_order_link_fields``) the dialog has, of the same name."""
        return [
            field
            for field in self.env["customer.deposit"]._get_order_link_fields()
            if field in self._fields
        ]

    def _get_order(self):
        """The order the deposit is registered on (paid on, for a purchase order), or an
        empty sales order."""
        self.ensure_one()
        for field in self._get_order_fields():
            if self[field]:
                return self[field]
        return self.env["sale.order"]

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends(lambda self: self._get_order_fields())
    def _compute_partner_id(self):
        for wizard in self:
            order = wizard._get_order()
            if order:
                wizard.partner_id = order.partner_id.commercial_partner_id
            else:
                wizard.partner_id = wizard.partner_id.commercial_partner_id

    @api.depends(lambda self: self._get_order_fields())
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard._get_order().company_id or self.env.company

    @api.depends("company_id")
    def _compute_journal_id(self):
        for wizard in self:
            if wizard.journal_id.company_id != wizard.company_id:
                wizard.journal_id = self.env["customer.deposit"]._get_default_journal(
                    wizard.company_id
                )

    @api.depends(lambda self: ("journal_id", *self._get_order_fields()))
    def _compute_currency_id(self):
        # As the deposit does: the order's currency first.
        for wizard in self:
            wizard.currency_id = (
                wizard._get_order().currency_id
                or wizard.journal_id.currency_id
                or wizard.currency_id
                or wizard.company_id.currency_id
            )

    @api.depends(lambda self: ("currency_id", *self._get_order_fields()))
    def _compute_amount(self):
        for wizard in self:
            order = wizard._get_order()
            if not order or not wizard.currency_id:
                wizard.amount = wizard.amount
                continue
            wizard.amount = order.currency_id._convert(
                order._get_deposit_suggested_amount(),
                wizard.currency_id,
                wizard.company_id,
                wizard.date or fields.Date.context_today(wizard),
            )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self.env["customer.deposit"]._parse_partner_types(vals_list)
        return super().create(vals_list)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _prepare_deposit_vals(self):
        """Values of the ``customer.deposit`` registered by the dialog."""
        self.ensure_one()
        order = self._get_order()
        return {
            "partner_type": self.partner_type,
            "partner_id": self.partner_id.id,
            **{field: self[field].id for field in self._get_order_fields()},
            "company_id": self.company_id.id,
            "journal_id": self.journal_id.id,
            "payment_method_line_id": self.payment_method_line_id.id,
            "currency_id": self.currency_id.id,
            "amount": self.amount,
            "date": self.date,
            "payment_reference": self.payment_reference,
            "ref": order._get_deposit_ref() if order else False,
        }

    def action_create_deposit(self):
        """Create the deposit with the values collected and post it, as the user (the
        deposit refuses what the user may not do), then close the dialog: the order or
        customer behind it shows the new deposit."""
        self.ensure_one()
        # The dialog's default_* keys are its own, not the deposit's nor its entries'.
        Deposit = self.env(context=clean_context(self.env.context))["customer.deposit"]
        Deposit.create(self._prepare_deposit_vals()).action_post()
        return {"type": "ir.actions.act_window_close"}
