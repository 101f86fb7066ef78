# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class CustomerDepositSettings(models.TransientModel):
    """The company's deposit settings, for accountants (Odoo's Settings page needs the
    Settings administrator right; these settings belong to accountants)."""

    _name = "customer.deposit.settings"
    _description = "Deposit Settings"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    deposit_account_id = fields.Many2one(
        "account.account",
        string="Deposit Liability Account",
        required=True,
        check_company=True,
        domain="[('account_type', '=', 'liability_current'), ('reconcile', '=', True)]",
        default=lambda self: self.env.company.deposit_account_id,
        help="New deposits are booked here; posted deposits keep the account they were booked on.",
    )
    deposit_journal_id = fields.Many2one(
        "account.journal",
        required=True,
        check_company=True,
        domain="[('type', '=', 'general')]",
        default=lambda self: self.env.company.deposit_journal_id,
    )
    deposit_forfeit_account_id = fields.Many2one(
        "account.account",
        string="Forfeit Income Account",
        required=True,
        check_company=True,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        default=lambda self: self.env.company.deposit_forfeit_account_id,
    )
    deposit_auto_apply = fields.Selection(
        selection=lambda self: self.env["res.company"]._fields["deposit_auto_apply"].selection,
        string="Apply Order Deposits on Invoices",
        required=True,
        default=lambda self: self.env.company.deposit_auto_apply,
    )
    deposit_online_payments = fields.Boolean(
        string="Online Payments of Orders as Deposits",
        default=lambda self: self.env.company.deposit_online_payments,
        help="A payment made online for one sales order (the quotation's prepayment, a "
        "deposit request link) becomes a posted deposit linked to the order instead of a "
        "customer payment on the receivable.",
    )
    vendor_deposit_account_id = fields.Many2one(
        "account.account",
        string="Vendor Deposit Asset Account",
        required=True,
        check_company=True,
        domain="[('account_type', '=', 'asset_current'), ('reconcile', '=', True)]",
        default=lambda self: self.env.company.vendor_deposit_account_id,
        help="New vendor deposits are booked here; posted deposits keep the account they were "
        "booked on.",
    )
    vendor_deposit_forfeit_account_id = fields.Many2one(
        "account.account",
        string="Forfeit Expense Account",
        required=True,
        check_company=True,
        domain="[('account_type', '=', 'expense')]",
        default=lambda self: self.env.company.vendor_deposit_forfeit_account_id,
    )
    vendor_deposit_auto_apply = fields.Selection(
        selection=lambda self: (
            self.env["res.company"]._fields["vendor_deposit_auto_apply"].selection
        ),
        string="Apply Order Deposits on Bills",
        required=True,
        default=lambda self: self.env.company.vendor_deposit_auto_apply,
    )
    deposit_fx_treatment = fields.Selection(
        selection=lambda self: self.env["res.company"]._fields["deposit_fx_treatment"].selection,
        string="Foreign-Currency Deposits",
        required=True,
        default=lambda self: self.env.company.deposit_fx_treatment,
        help="Monetary: a foreign-currency deposit is revalued when applied, the difference is "
        "an exchange gain or loss. Non-monetary (IFRIC 22): the part of an invoice (bill) it "
        "covers is measured at the deposit's own rate; the difference adjusts the invoice's "
        "revenue (the bill's expense), no exchange difference. For customer and vendor "
        "deposits; future applications only.",
    )

    deposit_tax_on_advances = fields.Boolean(
        string="Tax on Advance Payments",
        default=lambda self: self.env.company.deposit_tax_on_advances,
        help="New advance deposits get the default tax and declare it on the day the money "
        "is received.",
    )
    deposit_tax_id = fields.Many2one(
        "account.tax",
        string="Default Tax",
        check_company=True,
        domain="[('type_tax_use', '=', 'sale')]",
        default=lambda self: self.env.company.deposit_tax_id,
    )
    deposit_tax_account_id = fields.Many2one(
        "account.account",
        string="Tax on Deposits Account",
        required=True,
        check_company=True,
        domain="[('account_type', '=', 'asset_current')]",
        default=lambda self: self.env.company.deposit_tax_account_id,
        help="Holds the tax declared on advances until they are applied to the invoice.",
    )
    vendor_deposit_tax_id = fields.Many2one(
        "account.tax",
        string="Default Vendor Tax",
        check_company=True,
        domain="[('type_tax_use', '=', 'purchase')]",
        default=lambda self: self.env.company.vendor_deposit_tax_id,
    )
    vendor_deposit_tax_account_id = fields.Many2one(
        "account.account",
        string="Tax on Vendor Deposits Account",
        required=True,
        check_company=True,
        domain="[('account_type', '=', 'liability_current')]",
        default=lambda self: self.env.company.vendor_deposit_tax_account_id,
        help="Holds the input tax reclaimed on advances to vendors until they are applied to "
        "the bill.",
    )

    @api.model
    def _settings_fields(self):
        return [
            "deposit_account_id",
            "deposit_journal_id",
            "deposit_forfeit_account_id",
            "deposit_auto_apply",
            "deposit_online_payments",
            "vendor_deposit_account_id",
            "vendor_deposit_forfeit_account_id",
            "vendor_deposit_auto_apply",
            "deposit_tax_on_advances",
            "deposit_tax_id",
            "deposit_tax_account_id",
            "vendor_deposit_tax_id",
            "vendor_deposit_tax_account_id",
            "deposit_fx_treatment",
        ]

    def action_save(self):
        """Write the settings on the company (accountants only)."""
        self.ensure_one()
        self.env["customer.deposit"]._check_accountant_rights("configure")
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(
                _(
                    "You are not allowed in company %s: change the settings of one of your "
                    "companies.",
                    self.company_id.display_name,
                )
            )
        values = self._convert_to_write(self.read(self._settings_fields())[0])
        values.pop("id", None)
        self.company_id.sudo().write(values)
        return {"type": "ir.actions.act_window_close"}
