# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class CustomerDepositCommon(AccountTestInvoicingCommon):
    """An isolated company with a chart (and so deposit accounts), a second currency whose
    rate moves (2016: 3.0, 2017: 2.0 per company-currency unit) and helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_currency = cls.setup_other_currency("EUR")
        cls.company = cls.company_data["company"]
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.deposit_account = cls.company.deposit_account_id
        cls.receivable = cls.company_data["default_account_receivable"]
        cls.outstanding_receipts = cls.inbound_payment_method_line.payment_account_id
        cls.customer = cls.partner_a

    @classmethod
    def create_deposit(
        cls, amount=1000.0, post=True, partner=None, currency=None, date=None, **vals
    ):
        deposit = cls.env["customer.deposit"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "amount": amount,
                "currency_id": (currency or cls.company.currency_id).id,
                "journal_id": cls.bank_journal.id,
                "payment_reference": "CHQ-001",
                "date": date or fields.Date.today(),
                **vals,
            }
        )
        if post:
            deposit.action_post()
        return deposit

    @classmethod
    def create_invoice(cls, amount=1000.0, partner=None, currency=None, date=None, post=True):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (partner or cls.customer).id,
                "invoice_date": date or fields.Date.today(),
                "currency_id": (currency or cls.company.currency_id).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product_a.id,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if post:
            invoice.action_post()
        return invoice

    def deposit_account_balance(self, company=None):
        """Balance of the deposit account, from an independent SQL sum."""
        company = company or self.company
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT COALESCE(SUM(aml.balance), 0)
              FROM account_move_line aml
             WHERE aml.account_id = %s AND aml.parent_state = 'posted' AND aml.company_id = %s
            """,
            [company.deposit_account_id.id, company.id],
        )
        return self.env.cr.fetchone()[0]
