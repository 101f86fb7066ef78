# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

# Lines the dialog offers at most: a customer may hold thousands of deposits (and invoices);
# the dialog lists the order's and the oldest, the others are applied from their own form.
LINE_LIMIT = 40


class CustomerDepositApplyWizard(models.TransientModel):
    """Apply deposits to invoices: several deposits to one invoice (mode 'invoice') or one
    deposit to several invoices (mode 'deposit'); a vendor's deposits to bills the same way.
    Calls ``customer.deposit.apply_to_invoice`` for each line with an amount."""

    _name = "customer.deposit.apply.wizard"
    _description = "Apply Customer Deposits"
    _check_company_auto = True

    mode = fields.Selection(
        selection=[("invoice", "From an invoice"), ("deposit", "From a deposit")],
        required=True,
        default="invoice",
    )
    invoice_id = fields.Many2one("account.move", check_company=True)
    deposit_id = fields.Many2one("customer.deposit", check_company=True)
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, precompute=True, required=True
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Date of the application entries (and of the exchange rate used).",
    )
    line_ids = fields.One2many(
        "customer.deposit.apply.wizard.line",
        "wizard_id",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        # As the user: the lines offer only deposits and invoices the user may see.
        compute_sudo=False,
    )
    warning = fields.Text(compute="_compute_warning")
    unlisted_count = fields.Integer(
        compute="_compute_unlisted_count",
        help="Deposits (invoices) that could be applied but are not listed: the dialog lists "
        "the order's and the oldest first, up to its limit.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("invoice_id", "deposit_id")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = (
                wizard.invoice_id.company_id or wizard.deposit_id.company_id or self.env.company
            )

    @api.depends("mode", "invoice_id", "deposit_id", "date")
    def _compute_line_ids(self):
        for wizard in self:
            if wizard.mode == "invoice":
                commands = wizard._prepare_lines_for_invoice()
            else:
                commands = wizard._prepare_lines_for_deposit()
            wizard.line_ids = [Command.clear()] + commands

    def _get_listed_deposits(self):
        """The available deposits the dialog lists for its invoice, at most LINE_LIMIT: the
        order's own first, then the oldest (two searches with a limit, whatever the number
        of deposits the customer holds)."""
        invoice = self.invoice_id
        deposits = self.env["customer.deposit"]
        order_domain = invoice._get_deposit_order_domain()
        if order_domain:
            deposits = invoice._get_available_deposits(domain=order_domain, limit=LINE_LIMIT)
        if len(deposits) < LINE_LIMIT:
            deposits += invoice._get_available_deposits(
                domain=[("id", "not in", deposits.ids)], limit=LINE_LIMIT - len(deposits)
            )
        return deposits

    def _get_open_invoices_domain(self):
        """The open invoices of the deposit's customer (bills of its vendor)."""
        deposit = self.deposit_id
        return [
            ("move_type", "=", deposit._get_side()["invoice_type"]),
            ("state", "=", "posted"),
            ("commercial_partner_id", "=", deposit.partner_id.id),
            ("company_id", "=", deposit.company_id.id),
            ("payment_state", "in", ("not_paid", "partial")),
        ]

    def _get_listed_invoices(self):
        """The open invoices (bills) the dialog lists for its deposit, at most LINE_LIMIT:
        those of the deposit's order first, then the oldest due."""
        deposit = self.deposit_id
        domain = self._get_open_invoices_domain()
        Move = self.env["account.move"]
        invoices = Move.browse()
        order = deposit._get_order()
        if order and "invoice_ids" in order._fields:
            invoices = Move.search(
                [*domain, ("id", "in", order.invoice_ids.ids)],
                order="invoice_date_due, id",
                limit=LINE_LIMIT,
            )
        if len(invoices) < LINE_LIMIT:
            invoices += Move.search(
                [*domain, ("id", "not in", invoices.ids)],
                order="invoice_date_due, id",
                limit=LINE_LIMIT - len(invoices),
            )
        return invoices

    def _prepare_lines_for_invoice(self):
        """One line per listed deposit (``_get_listed_deposits``), the order's own first,
        then oldest first; amounts fill what the invoice owes."""
        invoice = self.invoice_id
        if not invoice:
            return []
        deposits = self._get_listed_deposits()
        owed = invoice.amount_residual
        commands = []
        for deposit in deposits:
            amount = 0.0
            if not invoice.currency_id.is_zero(owed):
                owed_in_deposit = invoice.currency_id._convert(
                    owed, deposit.currency_id, invoice.company_id, self.date
                )
                amount = min(deposit.amount_residual, owed_in_deposit)
                if deposit.currency_id.compare_amounts(amount, owed_in_deposit) == 0:
                    owed = 0.0
                else:
                    owed -= deposit.currency_id._convert(
                        amount, invoice.currency_id, invoice.company_id, self.date
                    )
            commands.append(
                Command.create(
                    {
                        "deposit_id": deposit.id,
                        "invoice_id": invoice.id,
                        "amount": amount,
                    }
                )
            )
        return commands

    def _prepare_lines_for_deposit(self):
        """One line per listed open invoice of the customer (bill of the vendor,
        ``_get_listed_invoices``), its order's first, then oldest due first, filled until
        the deposit's balance is used."""
        deposit = self.deposit_id
        if not deposit:
            return []
        invoices = self._get_listed_invoices()
        invoices = invoices.sorted(lambda inv: not inv._get_order_deposits(deposit))
        left = deposit.amount_residual
        commands = []
        for invoice in invoices:
            owed = deposit._invoice_residual_in_deposit_currency(invoice, self.date)
            amount = min(left, owed)
            left -= amount
            commands.append(
                Command.create(
                    {
                        "deposit_id": deposit.id,
                        "invoice_id": invoice.id,
                        "amount": deposit.currency_id.round(amount),
                    }
                )
            )
        return commands

    @api.depends("mode", "invoice_id", "deposit_id", "line_ids")
    def _compute_unlisted_count(self):
        """How many deposits (invoices) could be applied besides the listed ones: one count
        query."""
        for wizard in self:
            if wizard.mode == "invoice" and wizard.invoice_id:
                total = wizard.invoice_id._get_available_deposits(count=True)
            elif wizard.mode == "deposit" and wizard.deposit_id:
                total = self.env["account.move"].search_count(wizard._get_open_invoices_domain())
            else:
                total = 0
            wizard.unlisted_count = max(total - len(wizard.line_ids), 0)

    @api.depends("line_ids.amount", "line_ids.deposit_id", "invoice_id")
    def _compute_warning(self):
        for wizard in self:
            foreign = wizard.line_ids.filtered(
                lambda line: (
                    line.amount
                    and line.deposit_id._get_order().invoice_status == "to invoice"
                    and not line.invoice_id._get_order_deposits(line.deposit_id)
                )
            )
            deposits = ", ".join(foreign.deposit_id.mapped("display_name"))
            # An empty recordset is not "no warning": the dialog printed its repr.
            if not foreign:
                wizard.warning = False
            elif foreign.deposit_id[:1].partner_type == "supplier":
                wizard.warning = _(
                    "%(deposits)s were paid on orders that still have bills to come: applying "
                    "them here leaves less for those orders.",
                    deposits=deposits,
                )
            else:
                wizard.warning = _(
                    "%(deposits)s were taken for orders that still have invoices to come: "
                    "applying them here leaves less for those orders.",
                    deposits=deposits,
                )

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # Opening the dialog shows balances and open invoices: only for billing users, on
        # records they may change.
        self.env["customer.deposit"]._check_billing_rights("apply")
        for vals in vals_list:
            self.env["account.move"].browse(vals.get("invoice_id")).check_access("write")
            self.env["customer.deposit"].browse(vals.get("deposit_id")).check_access("write")
        wizards = super().create(vals_list)
        # Again on the result: the invoice or deposit may come from context defaults.
        wizards.invoice_id.check_access("write")
        wizards.deposit_id.check_access("write")
        return wizards

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_apply(self):
        self.ensure_one()
        lines = self.line_ids.filtered(
            lambda line: not line.deposit_id.currency_id.is_zero(line.amount)
        )
        if not lines:
            raise UserError(_("Enter an amount to apply on at least one line."))
        for line in lines:
            line.deposit_id.apply_to_invoice(line.invoice_id, amount=line.amount, date=self.date)
        return {"type": "ir.actions.act_window_close"}


class CustomerDepositApplyWizardLine(models.TransientModel):
    _name = "customer.deposit.apply.wizard.line"
    _description = "Apply Customer Deposits: line"

    wizard_id = fields.Many2one("customer.deposit.apply.wizard", required=True, ondelete="cascade")
    deposit_id = fields.Many2one("customer.deposit", required=True, readonly=True)
    invoice_id = fields.Many2one("account.move", required=True, readonly=True)
    sale_order_id = fields.Many2one(related="deposit_id.sale_order_id")
    deposit_date = fields.Date(related="deposit_id.date")
    currency_id = fields.Many2one(related="deposit_id.currency_id")
    deposit_residual = fields.Monetary(
        related="deposit_id.amount_residual", string="Deposit Balance"
    )
    invoice_currency_id = fields.Many2one(
        related="invoice_id.currency_id", string="Invoice Currency"
    )
    invoice_residual = fields.Monetary(
        related="invoice_id.amount_residual",
        string="Invoice Amount Due",
        currency_field="invoice_currency_id",
    )
    invoice_date_due = fields.Date(related="invoice_id.invoice_date_due")
    amount = fields.Monetary(
        string="Amount to Apply",
        currency_field="currency_id",
        help="In the deposit's currency.",
    )
