# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .deposit_sides import DEPOSIT_SIDES

DEPOSIT_JOURNAL_CODE = "DTR"
# What happens to an order's deposits when its invoice (or bill) is posted.
AUTO_APPLY_SELECTION = [
    ("always", "Always"),
    ("ask", "Ask"),
    ("never", "Never"),
]
# How a foreign-currency deposit is measured when it is applied (IFRIC 22).
FX_TREATMENT_SELECTION = [
    ("monetary", "Monetary (exchange difference)"),
    ("ifric22", "Non-monetary (IFRIC 22)"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    deposit_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Customer Deposit Account",
        check_company=True,
        domain="[('account_type', '=', 'liability_current'), ('reconcile', '=', True)]",
        help="Current liability where money received before invoicing is held until it is "
        "applied to invoices, refunded or forfeited.",
    )
    deposit_journal_id = fields.Many2one(
        comodel_name="account.journal",
        check_company=True,
        domain="[('type', '=', 'general')]",
        help="Miscellaneous journal of the entries that move a deposit to an invoice, to "
        "customer credit or to income.",
    )
    deposit_forfeit_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Forfeited Deposit Income Account",
        check_company=True,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Income account credited when a non-refundable deposit is forfeited.",
    )
    deposit_auto_apply = fields.Selection(
        selection=AUTO_APPLY_SELECTION,
        string="Apply Order Deposits on Invoices",
        default="ask",
        required=True,
        help="When an invoice of a sales order holding deposits is posted: apply them at once "
        "(Always), show them on the invoice with an Apply button (Ask), or do nothing (Never).",
    )
    deposit_online_payments = fields.Boolean(
        string="Online Payments of Orders as Deposits",
        default=True,
        help="A payment made online for one sales order (the quotation's prepayment, a "
        "deposit request link) becomes a posted deposit linked to the order instead of a "
        "customer payment on the receivable. Payments for several orders or for invoices "
        "stay customer payments.",
    )
    vendor_deposit_account_id = fields.Many2one(
        comodel_name="account.account",
        check_company=True,
        domain="[('account_type', '=', 'asset_current'), ('reconcile', '=', True)]",
        help="Current asset where money paid to vendors before their bill is held until it is "
        "applied to bills, refunded by the vendor or forfeited.",
    )
    vendor_deposit_forfeit_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Forfeited Vendor Deposit Expense Account",
        check_company=True,
        domain="[('account_type', '=', 'expense')]",
        help="Expense account debited when a vendor keeps a deposit.",
    )
    vendor_deposit_auto_apply = fields.Selection(
        selection=AUTO_APPLY_SELECTION,
        string="Apply Order Deposits on Bills",
        default="ask",
        required=True,
        help="When a bill of a purchase order holding vendor deposits is posted: apply them "
        "at once (Always), show them on the bill with an Apply button (Ask), or do nothing "
        "(Never).",
    )
    deposit_tax_on_advances = fields.Boolean(
        string="Tax on Advance Payments",
        help="VAT or GST is due when an advance payment is received (EU, UK, New Zealand, "
        "Australia on an accruals basis): new advance deposits get the default tax below and "
        "declare the tax they include on the day the money is received. Security deposits "
        "declare tax only if they are forfeited.",
    )
    deposit_tax_id = fields.Many2one(
        comodel_name="account.tax",
        string="Default Tax on Customer Deposits",
        check_company=True,
        domain="[('type_tax_use', '=', 'sale')]",
        help="Sales tax included in the advances received from customers, and declared on "
        "forfeited security deposits.",
    )
    deposit_tax_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Tax on Customer Deposits Account",
        check_company=True,
        domain="[('account_type', '=', 'asset_current')]",
        help="Current asset holding the tax declared on advances not invoiced yet: debited "
        "when the tax is declared at receipt, credited when the advance is applied to the "
        "invoice that charges the tax, refunded or forfeited.",
    )
    vendor_deposit_tax_id = fields.Many2one(
        comodel_name="account.tax",
        string="Default Tax on Vendor Deposits",
        check_company=True,
        domain="[('type_tax_use', '=', 'purchase')]",
        help="Purchase tax included in the advances paid to vendors that issued a tax invoice "
        "for them.",
    )
    vendor_deposit_tax_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Tax on Vendor Deposits Account",
        check_company=True,
        domain="[('account_type', '=', 'liability_current')]",
        help="Current liability holding the input tax reclaimed on advances to vendors not "
        "billed yet, until the advance is applied to the bill, refunded or forfeited.",
    )
    deposit_fx_treatment = fields.Selection(
        selection=FX_TREATMENT_SELECTION,
        string="Foreign-Currency Deposits",
        default="monetary",
        required=True,
        help="How a deposit in a foreign currency is applied to an invoice or a bill. "
        "Monetary: it is revalued at the application date's rate and the difference is an "
        "exchange gain or loss. Non-monetary (IFRIC 22): it keeps the rate of the day it was "
        "received; the part of the invoice it covers is measured at that rate, so the "
        "difference adjusts the invoice's revenue (the bill's expense) and no exchange "
        "difference is booked. Applies to applications made after the change.",
    )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains(
        "deposit_account_id",
        "deposit_forfeit_account_id",
        "deposit_journal_id",
        "vendor_deposit_account_id",
        "vendor_deposit_forfeit_account_id",
        "deposit_tax_id",
        "deposit_tax_account_id",
        "vendor_deposit_tax_id",
        "vendor_deposit_tax_account_id",
    )
    def _check_deposit_settings(self):
        """Whoever sets them (settings page, dialog, import, RPC): the customer deposit
        account is a reconcilable current liability and the vendor deposit account a
        reconcilable current asset, the forfeit accounts an income and an expense account,
        the transfer journal a miscellaneous journal, all of the company."""
        for company in self:
            for partner_type, side in DEPOSIT_SIDES.items():
                account = company[side["account_field"]]
                if account and (
                    account.account_type != side["account_type"]
                    or not account.reconcile
                    or not (account.company_ids & company.parent_ids)
                ):
                    message = {
                        "customer": _(
                            "%(account)s cannot hold customer deposits: choose a reconcilable "
                            "current liability account of %(company)s.",
                            account=account.display_name,
                            company=company.display_name,
                        ),
                        "supplier": _(
                            "%(account)s cannot hold vendor deposits: choose a reconcilable "
                            "current asset account of %(company)s.",
                            account=account.display_name,
                            company=company.display_name,
                        ),
                    }[partner_type]
                    raise ValidationError(message)
                forfeit = company[side["forfeit_account_field"]]
                if forfeit and (
                    forfeit.account_type not in side["forfeit_account_types"]
                    or not (forfeit.company_ids & company.parent_ids)
                ):
                    message = {
                        "customer": _(
                            "%(account)s cannot receive forfeited deposits: choose an income "
                            "account of %(company)s.",
                            account=forfeit.display_name,
                            company=company.display_name,
                        ),
                        "supplier": _(
                            "%(account)s cannot book forfeited vendor deposits: choose an "
                            "expense account of %(company)s.",
                            account=forfeit.display_name,
                            company=company.display_name,
                        ),
                    }[partner_type]
                    raise ValidationError(message)
                company._check_deposit_tax_settings(partner_type)
            journal = company.deposit_journal_id
            if journal and (
                journal.type != "general" or journal.company_id not in company.parent_ids
            ):
                raise ValidationError(
                    _(
                        "%(journal)s cannot hold deposit entries: choose a miscellaneous "
                        "journal of %(company)s.",
                        journal=journal.display_name,
                        company=company.display_name,
                    )
                )

    def _check_deposit_tax_settings(self, partner_type):
        """The default tax of a side is a tax of the company for that side (sales taxes on
        customer deposits, purchase taxes on vendor deposits); its tax account is a current
        account of the company that does not hold deposits."""
        self.ensure_one()
        side = DEPOSIT_SIDES[partner_type]
        tax = self[side["tax_field"]]
        if tax and (
            tax.type_tax_use != side["tax_type_use"] or tax.company_id not in self.parent_ids
        ):
            raise ValidationError(
                _(
                    "%(tax)s cannot be the tax on customer deposits: choose a sales tax of "
                    "%(company)s.",
                    tax=tax.display_name,
                    company=self.display_name,
                )
                if partner_type == "customer"
                else _(
                    "%(tax)s cannot be the tax on vendor deposits: choose a purchase tax of "
                    "%(company)s.",
                    tax=tax.display_name,
                    company=self.display_name,
                )
            )
        account = self[side["tax_account_field"]]
        if account and (
            account.account_type != side["tax_account_type"]
            or account == self[side["account_field"]]
            or not (account.company_ids & self.parent_ids)
        ):
            raise ValidationError(
                _(
                    "%(account)s cannot hold the tax on customer deposits: choose a current "
                    "asset account of %(company)s other than the deposit account.",
                    account=account.display_name,
                    company=self.display_name,
                )
                if partner_type == "customer"
                else _(
                    "%(account)s cannot hold the tax on vendor deposits: choose a current "
                    "liability account of %(company)s other than the deposit account.",
                    account=account.display_name,
                    company=self.display_name,
                )
            )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _customer_deposit_check_configured(self, partner_type="customer"):
        """Raise when the company lacks what deposits of ``partner_type`` need."""
        account_field = DEPOSIT_SIDES[partner_type]["account_field"]
        for company in self:
            if company[account_field] and company.deposit_journal_id:
                continue
            if partner_type == "supplier":
                message = _(
                    "Vendor deposits are not configured for %(company)s: set the vendor "
                    "deposit account and the deposit journal in Invoicing > Configuration > "
                    "Deposits.",
                    company=company.display_name,
                )
            else:
                message = _(
                    "Customer deposits are not configured for %(company)s: set the "
                    "deposit account and the deposit journal in Invoicing > "
                    "Configuration > Deposits.",
                    company=company.display_name,
                )
            raise UserError(message)

    def _get_deposit_accounts(self, partner_type="customer"):
        """Every account holding deposits of these companies, of one side (``partner_type``:
        customer deposits by default, as before vendor deposits existed) or of both (None).
        The partner's Deposits Held, the statement, the unapplied-deposits tie-out and the
        Deposit Entries action all read this set."""
        by_side = self._get_deposit_accounts_by_side()
        if partner_type:
            return by_side[partner_type]
        return self.env["account.account"].union(*by_side.values())

    def _get_deposit_accounts_by_side(self):
        """{partner_type: accounts} holding deposits of these companies, in one query: each
        one's deposit account of the side and every account a deposit of that side was
        booked on (the setting may have changed since)."""
        by_side = {
            partner_type: self[side["account_field"]]
            for partner_type, side in DEPOSIT_SIDES.items()
        }
        booked = self._get_deposit_booked_accounts()
        for partner_type, account in booked:
            by_side[partner_type] |= account
        return by_side

    def _get_deposit_booked_accounts(self):
        """[(partner_type, account)] of the accounts deposits of these companies were
        booked on. A loose index scan of customer_deposit_company_side_account_idx: one
        index probe per (company, side, account) found, however many deposits there are."""
        if not self:
            return []
        Deposit = self.env["customer.deposit"]
        Deposit.flush_model(["company_id", "partner_type", "deposit_account_id"])
        self.env.cr.execute(
            SQL(
                """
                WITH RECURSIVE booked(company_id, partner_type, account_id) AS (
                    SELECT company.id, side.partner_type,
                           (SELECT MIN(deposit.deposit_account_id) FROM customer_deposit deposit
                             WHERE deposit.company_id = company.id
                               AND deposit.partner_type = side.partner_type)
                      FROM res_company company
                     CROSS JOIN unnest(%(sides)s::varchar[]) AS side(partner_type)
                     WHERE company.id IN %(companies)s
                    UNION ALL
                    SELECT booked.company_id, booked.partner_type,
                           (SELECT MIN(deposit.deposit_account_id) FROM customer_deposit deposit
                             WHERE deposit.company_id = booked.company_id
                               AND deposit.partner_type = booked.partner_type
                               AND deposit.deposit_account_id > booked.account_id)
                      FROM booked
                     WHERE booked.account_id IS NOT NULL
                )
                SELECT DISTINCT partner_type, account_id FROM booked
                 WHERE account_id IS NOT NULL
                 ORDER BY partner_type, account_id
                """,
                sides=list(DEPOSIT_SIDES),
                companies=tuple(self.ids),
            )
        )
        Account = self.env["account.account"]
        return [
            (partner_type, Account.browse(account_id))
            for partner_type, account_id in self.env.cr.fetchall()
        ]

    def _customer_deposit_new_account(self, name, account_type, like_types, reconcile=False):
        """Create an account after the last existing account of ``like_types``: never the
        first of its type, which charts, reports and Odoo's own tests take as the default."""
        self.ensure_one()
        Account = self.env["account.account"].with_company(self)
        model = Account.search(
            [
                *Account._check_company_domain(self),
                ("account_type", "in", like_types),
            ],
            order="code desc",
            limit=1,
        )
        code = Account._search_new_account_code(model.code or "DEP000")
        return Account.create(
            {
                "name": name,
                "code": code,
                "account_type": account_type,
                "reconcile": reconcile,
            }
        )

    def _customer_deposit_new_journal(self):
        self.ensure_one()
        Journal = self.env["account.journal"].with_company(self)
        used = set(Journal.search([("company_id", "=", self.id)]).mapped("code"))
        # Not DEP: its entries (DTR/2026/12/0002) must not look like deposit numbers
        # (DEP/2026/00003).
        code = next(
            c for c in [DEPOSIT_JOURNAL_CODE] + [f"DTR{i}" for i in range(2, 100)] if c not in used
        )
        return Journal.create(
            {
                "name": _("Customer Deposits"),
                "code": code,
                "type": "general",
                "company_id": self.id,
                "show_on_dashboard": False,
            }
        )

    def _customer_deposit_default_accounts(self):
        """What ``_customer_deposit_setup`` creates for each side: {company field: (name,
        account type, types of the account it is numbered after, reconcilable)}."""
        customer = DEPOSIT_SIDES["customer"]
        supplier = DEPOSIT_SIDES["supplier"]
        return {
            customer["account_field"]: (
                _("Customer Deposits"),
                customer["account_type"],
                [customer["account_type"]],
                True,
            ),
            customer["forfeit_account_field"]: (
                _("Forfeited Customer Deposits"),
                "income_other",
                ["income_other", "income"],
                False,
            ),
            supplier["account_field"]: (
                _("Advances to Suppliers"),
                supplier["account_type"],
                [supplier["account_type"]],
                True,
            ),
            supplier["forfeit_account_field"]: (
                _("Forfeited Vendor Deposits"),
                "expense",
                ["expense"],
                False,
            ),
            customer["tax_account_field"]: (
                _("Tax on Customer Deposits"),
                customer["tax_account_type"],
                [customer["tax_account_type"]],
                False,
            ),
            supplier["tax_account_field"]: (
                _("Tax on Vendor Deposits"),
                supplier["tax_account_type"],
                [supplier["tax_account_type"]],
                False,
            ),
        }

    def _customer_deposit_setup(self):
        """Create the deposit accounts of both sides (customer deposits: liability, forfeit
        income and tax on deposits; vendor deposits: asset, forfeit expense and tax on
        deposits), the deposit journal
        and the number sequences of each company that lacks them. Idempotent.

        Branches share their root company's accounts and deposit journal, as they share
        Odoo's own accounts and journals; each company keeps its own deposit numbers.
        """
        for company in self.sudo():
            if not company.chart_template:
                continue
            root = company.root_id
            if root != company and not root.deposit_journal_id:
                root._customer_deposit_setup()
            vals = {}
            for field, (
                name,
                account_type,
                like_types,
                reconcile,
            ) in company._customer_deposit_default_accounts().items():
                if company[field]:
                    continue
                vals[field] = (
                    root[field]
                    if root != company and root[field]
                    else company._customer_deposit_new_account(
                        name, account_type, like_types, reconcile=reconcile
                    )
                ).id
            if not company.deposit_journal_id:
                vals["deposit_journal_id"] = (
                    root.deposit_journal_id
                    if root != company and root.deposit_journal_id
                    else company._customer_deposit_new_journal()
                ).id
            if vals:
                company.write(vals)
            company._customer_deposit_ensure_sequences()

    def _customer_deposit_ensure_sequences(self):
        """The deposit number sequences of the company, one per side (DEP/..., VDEP/...)."""
        self.ensure_one()
        Sequence = self.env["ir.sequence"].sudo()
        names = {
            "customer": _("Customer Deposits (%s)", self.name),
            "supplier": _("Vendor Deposits (%s)", self.name),
        }
        for partner_type, side in DEPOSIT_SIDES.items():
            if Sequence.search_count(
                [("code", "=", side["sequence_code"]), ("company_id", "=", self.id)], limit=1
            ):
                continue
            Sequence.create(
                {
                    "name": names[partner_type],
                    "code": side["sequence_code"],
                    "company_id": self.id,
                    "prefix": side["sequence_prefix"],
                    "padding": 5,
                    "use_date_range": True,
                    "implementation": "no_gap",
                }
            )
