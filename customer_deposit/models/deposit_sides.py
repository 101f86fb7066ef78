# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The two sides of a deposit (``customer.deposit.partner_type``, as on ``account.payment``).

A customer deposit is money received before an invoice, held as a credit on a liability
account; a vendor deposit is money paid before a bill, held as a debit on an asset account.
Everything else is the same engine: the same entries, checks and reports, which read here
what differs (accounts, payment directions, invoice types, the sign of the deposit's line).
A plain module, not a model: ``res.company`` and ``account.move`` read it as well.
"""

DEPOSIT_SIDES = {
    "customer": {
        # res.company settings of the side
        "account_field": "deposit_account_id",
        "forfeit_account_field": "deposit_forfeit_account_id",
        "auto_apply_field": "deposit_auto_apply",
        # tax on deposits: the company's default tax, the account holding the tax declared
        # on money not yet invoiced, the taxes allowed
        "tax_field": "deposit_tax_id",
        "tax_account_field": "deposit_tax_account_id",
        "tax_account_type": "asset_current",
        "tax_type_use": "sale",
        # the deposit account and the default forfeit account the addon creates
        "account_type": "liability_current",
        "forfeit_account_types": ("income", "income_other"),
        "sequence_code": "customer.deposit",
        "sequence_prefix": "DEP/%(range_year)s/",
        # the deposit's payment brings money in, its refund sends it back
        "payment_type": "inbound",
        "refund_payment_type": "outbound",
        # what a deposit pays, and the partner's account it moves to (apply, convert)
        "invoice_type": "out_invoice",
        "credit_note_type": "out_refund",
        "partner_account_field": "property_account_receivable_id",
        "partner_account_type": "asset_receivable",
        # the deposit's payment line is a credit: its balance reads negative
        "sign": -1,
        "action": "customer_deposit.action_customer_deposit",
        "mail_template": "customer_deposit.mail_template_deposit_receipt",
    },
    "supplier": {
        "account_field": "vendor_deposit_account_id",
        "forfeit_account_field": "vendor_deposit_forfeit_account_id",
        "auto_apply_field": "vendor_deposit_auto_apply",
        "tax_field": "vendor_deposit_tax_id",
        "tax_account_field": "vendor_deposit_tax_account_id",
        "tax_account_type": "liability_current",
        "tax_type_use": "purchase",
        "account_type": "asset_current",
        "forfeit_account_types": ("expense",),
        "sequence_code": "customer.deposit.supplier",
        "sequence_prefix": "VDEP/%(range_year)s/",
        "payment_type": "outbound",
        "refund_payment_type": "inbound",
        "invoice_type": "in_invoice",
        "credit_note_type": "in_refund",
        "partner_account_field": "property_account_payable_id",
        "partner_account_type": "liability_payable",
        # the deposit's payment line is a debit: its balance reads positive
        "sign": 1,
        "action": "customer_deposit.action_vendor_deposit",
        "mail_template": "customer_deposit.mail_template_vendor_deposit_advice",
    },
}


def side_of_move_type(move_type, role="invoice_type"):
    """The side (``partner_type``) whose deposits pay invoices of ``move_type`` (``role``
    "invoice_type": out_invoice, in_invoice), or whose credit notes these are
    ("credit_note_type": out_refund, in_refund); None for any other entry."""
    for partner_type, side in DEPOSIT_SIDES.items():
        if move_type == side[role]:
            return partner_type
    return None
