# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

DEPOSIT_JOURNAL_CODE = "DTR"


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
        selection=[
            ("always", "Always"),
            ("ask", "Ask"),
            ("never", "Never"),
        ],
        string="Apply Order Deposits on Invoices",
        default="ask",
        required=True,
        help="When an invoice of a sales order holding deposits is posted: apply them at once "
        "(Always), show them on the invoice with an Apply button (Ask), or do nothing (Never).",
    )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("deposit_account_id", "deposit_forfeit_account_id", "deposit_journal_id")
    def _check_deposit_settings(self):
        """Whoever sets them (settings page, dialog, import, RPC): the deposit account is a
        reconcilable current liability, the forfeit account an income account, the transfer
        journal a miscellaneous journal, all of the company."""
        for company in self:
            account = company.deposit_account_id
            if account and (
                account.account_type != "liability_current"
                or not account.reconcile
                or not (account.company_ids & company.parent_ids)
            ):
                raise ValidationError(
                    _(
                        "%(account)s cannot hold customer deposits: choose a reconcilable "
                        "current liability account of %(company)s.",
                        account=account.display_name,
                        company=company.display_name,
                    )
                )
            forfeit = company.deposit_forfeit_account_id
            if forfeit and (
                forfeit.account_type not in ("income", "income_other")
                or not (forfeit.company_ids & company.parent_ids)
            ):
                raise ValidationError(
                    _(
                        "%(account)s cannot receive forfeited deposits: choose an income "
                        "account of %(company)s.",
                        account=forfeit.display_name,
                        company=company.display_name,
                    )
                )
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

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _customer_deposit_check_configured(self):
        """Raise when the company lacks what deposits need."""
        for company in self:
            if not company.deposit_account_id or not company.deposit_journal_id:
                raise UserError(
                    _(
                        "Customer deposits are not configured for %(company)s: set the "
                        "deposit account and the deposit journal in Invoicing > "
                        "Configuration > Customer Deposits.",
                        company=company.display_name,
                    )
                )

    def _get_deposit_accounts(self):
        """Every account holding deposits of these companies: each one's deposit account and
        every account a deposit of theirs was booked on (the setting may have changed since).
        The customer's Deposits Held, the statement, the unapplied-deposits tie-out and the
        Deposit Entries action all read this set."""
        booked = (
            self.env["customer.deposit"]
            .sudo()
            ._read_group(
                [("company_id", "in", self.ids), ("deposit_account_id", "!=", False)],
                ["deposit_account_id"],
            )
        )
        return self.env["account.account"].browse(
            set(self.deposit_account_id.ids) | {account.id for (account,) in booked}
        )

    def _customer_deposit_new_account(self, name, account_type, like_types):
        """Create an account next to the first existing account of ``like_types``."""
        self.ensure_one()
        Account = self.env["account.account"].with_company(self)
        model = Account.search(
            [
                *Account._check_company_domain(self),
                ("account_type", "in", like_types),
            ],
            order="code",
            limit=1,
        )
        code = Account._search_new_account_code(model.code or "DEP000")
        return Account.create(
            {
                "name": name,
                "code": code,
                "account_type": account_type,
                "reconcile": account_type == "liability_current",
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

    def _customer_deposit_setup(self):
        """Create the deposit account, deposit journal, forfeit income account and number
        sequence of each company that lacks them. Idempotent.

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
            if not company.deposit_account_id:
                vals["deposit_account_id"] = (
                    root.deposit_account_id
                    if root != company and root.deposit_account_id
                    else company._customer_deposit_new_account(
                        _("Customer Deposits"), "liability_current", ["liability_current"]
                    )
                ).id
            if not company.deposit_forfeit_account_id:
                vals["deposit_forfeit_account_id"] = (
                    root.deposit_forfeit_account_id
                    if root != company and root.deposit_forfeit_account_id
                    else company._customer_deposit_new_account(
                        _("Forfeited Customer Deposits"),
                        "income_other",
                        ["income_other", "income"],
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
            company._customer_deposit_ensure_sequence()

    def _customer_deposit_ensure_sequence(self):
        self.ensure_one()
        Sequence = self.env["ir.sequence"].sudo()
        if not Sequence.search_count(
            [("code", "=", "customer.deposit"), ("company_id", "=", self.id)], limit=1
        ):
            Sequence.create(
                {
                    "name": _("Customer Deposits (%s)", self.name),
                    "code": "customer.deposit",
                    "company_id": self.id,
                    "prefix": "DEP/%(range_year)s/",
                    "padding": 5,
                    "use_date_range": True,
                    "implementation": "no_gap",
                }
            )
