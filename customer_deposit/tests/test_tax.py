# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import xmlrpc.client
from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import mute_logger

from .common import CLEAR_FAULT_CODES, CustomerDepositCommon, RpcMixin


class DepositTaxCommon(CustomerDepositCommon):
    """A sales tax of 20% and a purchase tax of 10% with their grids (+/- tags, credit-note
    repartition lines on the negative tags, as localisations have them), set as the
    company's taxes on deposits with Tax on Advance Payments on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        country = cls.company.account_fiscal_country_id
        Tag = cls.env["account.account.tag"]

        def tags(name):
            return {
                sign: Tag.create(
                    {
                        "name": f"{sign}{name}",
                        "applicability": "taxes",
                        "tax_negate": sign == "-",
                        "country_id": country.id,
                    }
                )
                for sign in "+-"
            }

        def tax(name, use, amount, base, tax_grid, account):
            base_tags, tax_tags = tags(base), tags(tax_grid)

            def repartition(sign):
                return [
                    Command.create(
                        {"repartition_type": "base", "tag_ids": [Command.set(base_tags[sign].ids)]}
                    ),
                    Command.create(
                        {
                            "repartition_type": "tax",
                            "account_id": account.id,
                            "tag_ids": [Command.set(tax_tags[sign].ids)],
                        }
                    ),
                ]

            return cls.env["account.tax"].create(
                {
                    "name": name,
                    "type_tax_use": use,
                    "amount": amount,
                    "company_id": cls.company.id,
                    "country_id": country.id,
                    "invoice_repartition_line_ids": repartition("+"),
                    "refund_repartition_line_ids": repartition("-"),
                }
            )

        cls.vat_account = cls.company_data["default_account_tax_sale"]
        cls.input_vat_account = cls.company_data["default_account_tax_purchase"]
        cls.vat = tax("VAT 20%", "sale", 20.0, "DB", "DT", cls.vat_account)
        cls.input_vat = tax("Input VAT 10%", "purchase", 10.0, "PB", "PT", cls.input_vat_account)
        cls.tax_account = cls.company.deposit_tax_account_id
        cls.vendor_tax_account = cls.company.vendor_deposit_tax_account_id
        cls.company.write(
            {
                "deposit_tax_on_advances": True,
                "deposit_tax_id": cls.vat.id,
                "vendor_deposit_tax_id": cls.input_vat.id,
            }
        )


@tagged("post_install", "-at_install")
class TestDepositTax(DepositTaxCommon):
    """VAT / GST on deposits: an advance declares the tax it includes at receipt and releases
    it when applied, refunded or converted; a security deposit declares it only when
    forfeited. Grids are read the way Odoo's tax report reads them."""

    ledger_tied_after_each_test = True

    # -------------------------------------------------------------------------
    # Helpers
    # -------------------------------------------------------------------------

    def grid(self, name):
        """Grid ``name`` of the tax report: the posted items tagged +name / -name, each
        balance negated by its tag's tax_negate and by the item's tax_tag_invert."""
        self.env.flush_all()
        lines = self.env["account.move.line"].search(
            [
                ("company_id", "=", self.company.id),
                ("parent_state", "=", "posted"),
                ("tax_tag_ids.name", "in", (f"+{name}", f"-{name}")),
            ]
        )
        total = 0.0
        for line in lines:
            for tag in line.tax_tag_ids.filtered(lambda t: t.name[1:] == name):
                total += (
                    line.balance
                    * (-1 if tag.tax_negate else 1)
                    * (-1 if line.tax_tag_invert else 1)
                )
        return self.currency.round(total)

    def balance(self, account):
        self.env.flush_all()
        return self.currency.round(
            sum(
                self.env["account.move.line"]
                .search([("account_id", "=", account.id), ("parent_state", "=", "posted")])
                .mapped("balance")
            )
        )

    def create_taxed_invoice(self, price, tax=None, currency=None, invoice_date=None):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": invoice_date or date.today(),
                "currency_id": (currency or self.currency).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product_a.id,
                            "price_unit": price,
                            "tax_ids": [Command.set((tax or self.vat).ids)],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def tax_move(self, deposit):
        return deposit.move_ids.filtered(lambda move: move.deposit_move_kind == "tax")

    # -------------------------------------------------------------------------
    # Advances
    # -------------------------------------------------------------------------

    def test_advance_declares_tax_at_receipt(self):
        deposit = self.create_deposit(amount=120.0, date=date(2026, 3, 10))
        self.assertRecordValues(
            deposit,
            [
                {
                    "deposit_type": "advance",
                    "tax_id": self.vat.id,
                    "amount": 120.0,
                    "amount_tax": 20.0,
                    "amount_untaxed": 100.0,
                    "amount_residual": 120.0,
                    "tax_account_id": self.tax_account.id,
                }
            ],
        )
        move = self.tax_move(deposit)
        self.assertRecordValues(
            move,
            [
                {
                    "state": "posted",
                    "date": date(2026, 3, 10),
                    "journal_id": self.company.deposit_journal_id.id,
                    "deposit_id": deposit.id,
                }
            ],
        )
        plus_base = self.vat.invoice_repartition_line_ids.filtered(
            lambda r: r.repartition_type == "base"
        )
        plus_tax = self.vat.invoice_repartition_line_ids - plus_base
        self.assertRecordValues(
            move.line_ids.sorted(lambda line: (line.balance, line.account_id.id)),
            [
                {
                    "account_id": self.tax_account.id,
                    "balance": -100.0,
                    "tax_ids": self.vat.ids,
                    "tax_tag_ids": plus_base.tag_ids.ids,
                    "tax_repartition_line_id": False,
                    "partner_id": self.customer.id,
                },
                {
                    "account_id": self.vat_account.id,
                    "balance": -20.0,
                    "tax_ids": [],
                    "tax_tag_ids": plus_tax.tag_ids.ids,
                    "tax_repartition_line_id": plus_tax.id,
                    "partner_id": self.customer.id,
                },
                {
                    "account_id": self.tax_account.id,
                    "balance": 20.0,
                    "tax_ids": [],
                    "tax_tag_ids": [],
                    "tax_repartition_line_id": False,
                    "partner_id": self.customer.id,
                },
                {
                    "account_id": self.tax_account.id,
                    "balance": 100.0,
                    "tax_ids": [],
                    "tax_tag_ids": [],
                    "tax_repartition_line_id": False,
                    "partner_id": self.customer.id,
                },
            ],
        )
        # The tax report counts it in the receipt's period; the deposit holds the money.
        self.assertEqual(self.grid("DB"), 100.0)
        self.assertEqual(self.grid("DT"), 20.0)
        self.assertEqual(self.balance(self.tax_account), 20.0)
        self.assertEqual(self.balance(self.deposit_account), -120.0)

    def test_tax_declared_once_over_receipt_application_and_invoice(self):
        deposit = self.create_deposit(amount=120.0)
        invoice = self.create_taxed_invoice(500.0)  # 600 with tax
        application = deposit.apply_to_invoice(invoice)
        release = application.move_id.line_ids.filtered("tax_repartition_line_id")
        minus_tax = self.vat.refund_repartition_line_ids.filtered(
            lambda r: r.repartition_type == "tax"
        )
        self.assertRecordValues(
            release,
            [
                {
                    "account_id": self.vat_account.id,
                    "balance": 20.0,
                    "tax_repartition_line_id": minus_tax.id,
                    "tax_tag_ids": minus_tax.tag_ids.ids,
                }
            ],
        )
        # Base 100 + 500 - 100, tax 20 + 100 - 20: the supply's tax, once.
        self.assertEqual(self.grid("DB"), 500.0)
        self.assertEqual(self.grid("DT"), 100.0)
        self.assertEqual(self.balance(self.tax_account), 0.0)
        self.assertRecordValues(
            deposit, [{"amount_applied": 120.0, "amount_residual": 0.0, "state": "applied"}]
        )
        self.assertAlmostEqual(invoice.amount_residual, 480.0)
        # Unapplying gives the advance its tax back, same grids.
        application.action_unapply()
        self.assertEqual(self.grid("DT"), 120.0)
        self.assertEqual(self.balance(self.tax_account), 20.0)

    def test_shares_release_the_tax_to_the_cent(self):
        deposit = self.create_deposit(amount=100.0)  # tax 16.67
        self.assertEqual(deposit.amount_tax, 16.67)
        invoices = [self.create_taxed_invoice(100.0) for _i in range(3)]
        for invoice, amount in zip(invoices, (33.33, 33.33, 33.34)):
            deposit.apply_to_invoice(invoice, amount=amount)
        self.assertEqual(self.balance(self.tax_account), 0.0)
        self.assertEqual(self.grid("DT"), 60.0)
        self.assertEqual(deposit.state, "applied")

    def test_refund_releases_the_refunded_share(self):
        deposit = self.create_deposit(amount=120.0, date=date(2026, 3, 10))
        payment = deposit.refund(amount=60.0, date=date(2026, 4, 2))
        self.assertEqual(payment.amount, 60.0)
        release = self.tax_move(deposit).filtered(lambda move: move.date == date(2026, 4, 2))
        self.assertEqual(len(release), 1)
        self.assertEqual(release.line_ids.filtered("tax_repartition_line_id").balance, 10.0)
        self.assertEqual(self.grid("DT"), 10.0)
        self.assertEqual(self.grid("DB"), 50.0)
        self.assertEqual(self.balance(self.tax_account), 10.0)
        # The rest, refunded: nothing declared, nothing held.
        deposit.refund(date=date(2026, 4, 3))
        self.assertEqual(self.grid("DT"), 0.0)
        self.assertEqual(self.balance(self.tax_account), 0.0)

    def test_credit_releases_the_tax(self):
        deposit = self.create_deposit(amount=120.0)
        move = deposit.convert_to_credit(amount=60.0)
        self.assertEqual(move.line_ids.filtered("tax_repartition_line_id").balance, 10.0)
        self.assertEqual(self.balance(self.tax_account), 10.0)

    def test_forfeited_advance_keeps_its_tax(self):
        deposit = self.create_deposit(amount=120.0)
        move = deposit.forfeit()
        self.assertRecordValues(
            move.line_ids.sorted("balance"),
            [
                {"account_id": self.forfeit_account.id, "balance": -100.0, "tax_ids": []},
                {"account_id": self.tax_account.id, "balance": -20.0, "tax_ids": []},
                {"account_id": self.deposit_account.id, "balance": 120.0, "tax_ids": []},
            ],
        )
        self.assertFalse(move.line_ids.tax_tag_ids)
        self.assertEqual(self.grid("DT"), 20.0)
        self.assertEqual(self.balance(self.tax_account), 0.0)
        self.assertEqual(deposit.state, "forfeited")

    def test_forfeit_of_a_taxed_advance_refuses_another_tax(self):
        deposit = self.create_deposit(amount=120.0)
        other = self.vat.copy({"name": "VAT 20% (copy)"})
        with self.assertRefusedWithoutWrites(UserError, "declared when it was received"):
            deposit.forfeit(tax=other.id)

    def test_bounced_advance_reverses_its_tax(self):
        deposit = self.create_deposit(amount=120.0, date=date(2026, 3, 10))
        deposit.reverse(reason="NSF", bounced=True, date=date(2026, 3, 20))
        self.assertEqual(deposit.state, "reversed")
        self.assertEqual(self.grid("DT"), 0.0)
        self.assertEqual(self.grid("DB"), 0.0)
        self.assertEqual(self.balance(self.tax_account), 0.0)
        reversal = self.tax_move(deposit).reversal_move_ids
        self.assertRecordValues(reversal, [{"date": date(2026, 3, 20), "state": "posted"}])

    def test_tax_lock_date_refuses_the_receipt(self):
        deposit = self.create_deposit(amount=120.0, post=False, date=date(2026, 1, 15))
        self.company.tax_lock_date = date(2026, 1, 31)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.action_post()
        # Without a tax, the tax lock date does not concern it.
        deposit.tax_id = False
        deposit.action_post()
        self.assertFalse(self.tax_move(deposit))

    def test_tax_of_the_wrong_side_refused(self):
        with self.assertRaisesRegex(ValidationError, "not a sales tax"):
            self.create_deposit(amount=120.0, post=False, tax_id=self.input_vat.id)
        with self.assertRaisesRegex(ValidationError, "not a purchase tax"):
            self.create_vendor_deposit(amount=110.0, post=False, tax_id=self.vat.id)

    def test_setting_off_no_default_tax(self):
        self.company.deposit_tax_on_advances = False
        deposit = self.create_deposit(amount=120.0)
        self.assertFalse(deposit.tax_id)
        self.assertFalse(self.tax_move(deposit))
        self.assertEqual(deposit.amount_tax, 0.0)

    def test_opening_advance_carries_no_tax(self):
        """An advance received before Odoo declared its tax in the previous system: posting
        it declares nothing, and it takes no tax."""
        vals = {
            "partner_id": self.customer.id,
            "amount": 120.0,
            "date": date(2025, 12, 31),
            "journal_id": False,
            "opening_balance": True,
            "payment_reference": "OLD-7",
        }
        deposit = self.env["customer.deposit"].create(vals)
        self.assertFalse(deposit.tax_id)
        deposit.action_post()
        self.assertFalse(self.tax_move(deposit))
        self.assertEqual(self.grid("DT"), 0.0)
        # Forfeiting it declares nothing either, unless a tax is given.
        move = deposit.forfeit(amount=60.0)
        self.assertFalse(move.line_ids.tax_tag_ids)
        with self.assertRaisesRegex(ValidationError, "belongs to your opening balances"):
            self.env["customer.deposit"].create({**vals, "tax_id": self.vat.id})
        # An opening security deposit keeps its tax for a forfeit.
        security = self.env["customer.deposit"].create(
            {**vals, "deposit_type": "security", "tax_id": self.vat.id}
        )
        security.action_post()
        security.forfeit()
        self.assertEqual(self.grid("DT"), 20.0)

    # -------------------------------------------------------------------------
    # Security deposits
    # -------------------------------------------------------------------------

    def test_security_deposit_declares_tax_only_when_forfeited(self):
        deposit = self.create_deposit(amount=120.0, deposit_type="security")
        self.assertFalse(self.tax_move(deposit))
        self.assertEqual(deposit.amount_tax, 0.0)
        self.assertEqual(self.grid("DT"), 0.0)
        move = deposit.forfeit(amount=60.0)
        self.assertRecordValues(
            move.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.forfeit_account.id,
                    "balance": -50.0,
                    "tax_ids": self.vat.ids,
                },
                {"account_id": self.vat_account.id, "balance": -10.0, "tax_ids": []},
                {"account_id": self.deposit_account.id, "balance": 60.0, "tax_ids": []},
            ],
        )
        self.assertEqual(self.grid("DB"), 50.0)
        self.assertEqual(self.grid("DT"), 10.0)
        # Refunding the rest declares nothing.
        deposit.refund()
        self.assertEqual(self.grid("DT"), 10.0)

    def test_security_deposit_forfeit_with_a_given_tax(self):
        self.company.deposit_tax_on_advances = False
        deposit = self.create_deposit(amount=110.0, deposit_type="security")
        ten = self.vat.copy({"name": "VAT 10%", "amount": 10.0})
        move = deposit.forfeit(tax=ten)
        self.assertEqual(move.line_ids.filtered("tax_repartition_line_id").balance, -10.0)
        self.assertEqual(self.grid("DT"), 10.0)

    def test_forfeit_dialog_proposes_the_tax(self):
        security = self.create_deposit(amount=120.0, deposit_type="security")
        wizard = Form(
            self.env["customer.deposit.forfeit"].with_context(default_deposit_id=security.id)
        ).save()
        self.assertRecordValues(wizard, [{"tax_kept": False, "tax_id": self.vat.id}])
        wizard.action_forfeit()
        self.assertEqual(self.grid("DT"), 20.0)
        advance = self.create_deposit(amount=60.0)
        wizard = Form(
            self.env["customer.deposit.forfeit"].with_context(default_deposit_id=advance.id)
        ).save()
        self.assertRecordValues(wizard, [{"tax_kept": True, "tax_id": False}])
        wizard.action_forfeit()
        # The advance's 10 declared at receipt, kept; nothing declared twice.
        self.assertEqual(self.grid("DT"), 30.0)
        self.assertEqual(self.balance(self.tax_account), 0.0)

    def test_as_of_report_ties_with_taxed_deposits(self):
        advance = self.create_deposit(amount=120.0)
        self.create_deposit(amount=80.0, deposit_type="security")
        vendor = self.create_vendor_deposit(amount=110.0)
        advance.apply_to_invoice(self.create_taxed_invoice(50.0))  # 60 applied
        vendor.refund(amount=55.0)
        wizard = self.env["customer.deposit.unapplied.wizard"].create({})
        self.assertRecordValues(
            wizard,
            [
                {
                    "report_total": 140.0,
                    "account_balance": 140.0,
                    "difference": 0.0,
                    "vendor_report_total": 55.0,
                    "vendor_account_balance": 55.0,
                    "vendor_difference": 0.0,
                }
            ],
        )
        # It ties to the deposit accounts, which hold the money tax included; the tax held
        # on deposits is on its own account, outside the tie-out.
        self.assertIn(self.deposit_account.code, wizard.account_names)
        self.assertNotIn(self.tax_account.code, wizard.account_names)
        self.assertIn(self.vendor_deposit_account.code, wizard.vendor_account_names)
        self.assertEqual(self.balance(self.tax_account), 10.0)
        self.assertEqual(self.balance(self.vendor_tax_account), -5.0)

    def test_settings_dialog_sets_the_tax(self):
        self.company.write({"deposit_tax_on_advances": False, "deposit_tax_id": False})
        settings = Form(self.env["customer.deposit.settings"])
        settings.deposit_tax_on_advances = True
        settings.deposit_tax_id = self.vat
        settings.save().action_save()
        self.assertRecordValues(
            self.company, [{"deposit_tax_on_advances": True, "deposit_tax_id": self.vat.id}]
        )
        with self.assertRaisesRegex(ValidationError, "cannot hold the tax on customer deposits"):
            self.company.deposit_tax_account_id = self.deposit_account
        with self.assertRaisesRegex(ValidationError, "cannot be the tax on customer deposits"):
            self.company.deposit_tax_id = self.input_vat

    # -------------------------------------------------------------------------
    # Currencies
    # -------------------------------------------------------------------------

    def test_foreign_currency_tax_at_the_receipt_rate(self):
        # 2016: 3 EUR per company unit, 2017: 2.
        deposit = self.create_deposit(
            amount=120.0, currency=self.other_currency, date=date(2016, 6, 1)
        )
        tax_line = self.tax_move(deposit).line_ids.filtered("tax_repartition_line_id")
        self.assertRecordValues(
            tax_line,
            [{"amount_currency": -20.0, "balance": -6.67, "currency_id": self.other_currency.id}],
        )
        invoice = self.create_taxed_invoice(
            500.0, currency=self.other_currency, invoice_date=date(2017, 6, 1)
        )
        application = deposit.apply_to_invoice(invoice, date=date(2017, 6, 1))
        release = application.move_id.line_ids.filtered("tax_repartition_line_id")
        # Released at the receipt's rate, never revalued.
        self.assertRecordValues(release, [{"amount_currency": 20.0, "balance": 6.67}])
        self.assertEqual(self.balance(self.tax_account), 0.0)

    # -------------------------------------------------------------------------
    # Vendor deposits
    # -------------------------------------------------------------------------

    def test_vendor_advance_input_tax(self):
        deposit = self.create_vendor_deposit(amount=110.0)
        self.assertRecordValues(
            deposit,
            [{"tax_id": self.input_vat.id, "amount_tax": 10.0, "amount_untaxed": 100.0}],
        )
        move = self.tax_move(deposit)
        self.assertRecordValues(
            move.line_ids.sorted(lambda line: (line.balance, line.account_id.id)),
            [
                {"account_id": self.vendor_tax_account.id, "balance": -100.0, "tax_ids": []},
                {"account_id": self.vendor_tax_account.id, "balance": -10.0, "tax_ids": []},
                {"account_id": self.input_vat_account.id, "balance": 10.0, "tax_ids": []},
                {
                    "account_id": self.vendor_tax_account.id,
                    "balance": 100.0,
                    "tax_ids": self.input_vat.ids,
                },
            ],
        )
        self.assertEqual(self.grid("PB"), 100.0)
        self.assertEqual(self.grid("PT"), 10.0)
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.vendor.id,
                "invoice_date": date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product_a.id,
                            "price_unit": 300.0,
                            "tax_ids": [Command.set(self.input_vat.ids)],
                        }
                    )
                ],
            }
        )
        bill.action_post()
        deposit.apply_to_invoice(bill)
        self.assertEqual(self.grid("PT"), 30.0)
        self.assertEqual(self.grid("PB"), 300.0)
        self.assertEqual(self.balance(self.vendor_tax_account), 0.0)
        self.assertAlmostEqual(bill.amount_residual, 220.0)


@tagged("post_install", "-at_install")
class TestDepositTaxRpc(DepositTaxCommon, HttpCase, RpcMixin):
    """Tax on deposits over XML-RPC, as the users of the screens and as the calls they
    never make."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("billing", "accountant")

    @mute_logger("odoo.addons.base.controllers.rpc")
    def test_taxed_advance_over_xmlrpc(self):
        deposit_id = self.call(
            "billing",
            "customer.deposit",
            "create",
            [
                {
                    "partner_id": self.customer.id,
                    "amount": 120.0,
                    "journal_id": self.bank_journal.id,
                    "payment_reference": "TRF-TAX",
                }
            ],
        )
        self.call("billing", "customer.deposit", "action_post", [[deposit_id]])
        deposit = self.env["customer.deposit"].browse(deposit_id)
        self.assertRecordValues(
            deposit, [{"tax_id": self.vat.id, "amount_tax": 20.0, "state": "received"}]
        )
        security = self.create_deposit(amount=120.0, deposit_type="security")
        for role, method, positional, kwargs in (
            # Frozen once posted: the tax, the type; maintained: the tax account.
            ("billing", "write", [[deposit_id], {"tax_id": False}], {}),
            ("billing", "write", [[deposit_id], {"deposit_type": "security"}], {}),
            ("accountant", "write", [[deposit_id], {"tax_account_id": False}], {}),
            # Forfeits are for accountants; an advance keeps its own tax.
            ("billing", "forfeit", [[security.id]], {"tax": self.vat.id}),
            ("accountant", "forfeit", [[deposit_id]], {"tax": self.vat.copy().id}),
            # A purchase tax on a customer deposit, a tax id that does not exist.
            ("accountant", "forfeit", [[security.id]], {"tax": self.input_vat.id}),
            ("accountant", "forfeit", [[security.id]], {"tax": 999999}),
            ("accountant", "forfeit", [[security.id]], {"tax": "VAT"}),
        ):
            with self.subTest(role=role, method=method, kwargs=kwargs):
                with self.assertRefusedWithoutWrites(xmlrpc.client.Fault) as caught:
                    self.call(role, "customer.deposit", method, positional, kwargs)
                self.assertIn(caught.exception.faultCode, CLEAR_FAULT_CODES)
        move_id = self.call(
            "accountant", "customer.deposit", "forfeit", [[security.id]], {"tax": self.vat.id}
        )
        self.assertTrue(
            self.env["account.move"].browse(move_id).line_ids.filtered("tax_repartition_line_id")
        )


@tagged("post_install", "-at_install")
class TestTaxedReceiptTour(DepositTaxCommon, HttpCase):
    """A billing user records a taxed advance, sees its tax before posting and prints the
    receipt: the invoice for a payment on account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("billing")
        cls.company.vat = "BE0477472701"
        cls.tour_customer = cls.env["res.partner"].create(
            {"name": "Tour Customer", "vat": "FR23334175221", "customer_rank": 1}
        )

    def test_taxed_advance_receipt(self):
        self.start_tour(
            "/odoo/action-customer_deposit.action_customer_deposit/new",
            "customer_deposit_taxed_advance_receipt",
            login=self.users["billing"].login,
        )
        deposit = self.env["customer.deposit"].search([("partner_id", "=", self.tour_customer.id)])
        self.assertRecordValues(
            deposit, [{"state": "received", "amount": 120.0, "amount_tax": 20.0}]
        )
        self.authenticate(self.users["billing"].login, self.users["billing"].login)
        html = self.url_open(
            f"/report/html/customer_deposit.report_deposit_receipt/{deposit.id}"
        ).text
        for text in (
            "Invoice for a Payment on Account",
            deposit.name,
            "BE0477472701",
            "FR23334175221",
            "VAT 20%",
            "100.00",
            "20.00",
            "120.00",
        ):
            self.assertIn(text, html)
