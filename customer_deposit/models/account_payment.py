# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .deposit_guard import is_addon_write, refuse_maintained

# Payment states a deposit payment may be given by hand (Odoo's Validate); draft, cancelled
# and rejected are reached through the deposit (reverse, bounced cheque).
FREE_STATES = {"in_process", "paid"}


class AccountPayment(models.Model):
    _inherit = "account.payment"

    deposit_id = fields.Many2one(
        comodel_name="customer.deposit",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="Deposit this payment receives or refunds: its counterpart is the deposit account.",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_valid_liquidity_accounts(self):
        # Community fills the outstanding account from the chart at create(); without it
        # here, both lines of a deposit payment would be classified as write-off.
        accounts = super()._get_valid_liquidity_accounts()
        if self.deposit_id:
            accounts |= self.outstanding_account_id
        return accounts

    def _is_deposit_payment(self):
        """Whether this payment is its deposit's own payment (the money received from the
        customer or paid to the vendor), not a refund of it."""
        self.ensure_one()
        return self.payment_type == self.deposit_id._get_side()["payment_type"]

    def _get_aml_default_display_name_list(self):
        if not self.deposit_id:
            return super()._get_aml_default_display_name_list()
        labels = {
            ("customer", True): _("Customer deposit"),
            ("customer", False): _("Deposit refund"),
            ("supplier", True): _("Vendor deposit"),
            ("supplier", False): _("Vendor deposit refund"),
        }
        label = labels[self.deposit_id.partner_type, self._is_deposit_payment()]
        names = [("label", label), ("sep", " "), ("memo", self.deposit_id.name)]
        if self.payment_reference:
            names += [("sep", " - "), ("reference", self.payment_reference)]
        return names

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("journal_id", "partner_id", "partner_type", "deposit_id")
    def _compute_destination_account_id(self):
        # A later change of partner or journal must not send a deposit payment back to the
        # receivable.
        res = super()._compute_destination_account_id()
        for pay in self.filtered("deposit_id"):
            pay.destination_account_id = pay.deposit_id.deposit_account_id
        return res

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_maintained(
                self,
                {"deposit_id"} if vals.get("deposit_id") else set(),
                _("Deposit payments are made from the deposit (post, refund)."),
            )
        return super().create(vals_list)

    def write(self, vals):
        refuse_maintained(
            self,
            {"deposit_id"}.intersection(vals),
            _("Deposit payments are made from the deposit (post, refund)."),
        )
        if not is_addon_write() and self.filtered("deposit_id"):
            locked = set(self._get_trigger_fields_to_synchronize()) | {
                "move_id",
                "outstanding_account_id",
                "payment_method_line_id",
                "company_id",
            }
            if locked.intersection(vals) or vals.get("state", "paid") not in FREE_STATES:
                self._check_not_deposit_payment()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_deposit_payment(self):
        self._check_not_deposit_payment()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _generate_journal_entry(self, write_off_line_vals=None, force_balance=None, line_ids=None):
        res = super()._generate_journal_entry(
            write_off_line_vals=write_off_line_vals, force_balance=force_balance, line_ids=line_ids
        )
        for pay in self.filtered("deposit_id"):
            pay.move_id.write(
                {
                    "deposit_id": pay.deposit_id.id,
                    "deposit_move_kind": "receipt" if pay._is_deposit_payment() else "refund",
                }
            )
        return res

    def _check_not_deposit_payment(self):
        if self.filtered("deposit_id") and not is_addon_write():
            raise UserError(
                _(
                    "This payment belongs to deposit %(deposits)s: undo it from the "
                    "deposit (reverse or refund), not from the payment.",
                    deposits=", ".join(self.deposit_id.mapped("display_name")),
                )
            )

    def action_draft(self):
        self._check_not_deposit_payment()
        return super().action_draft()

    def action_cancel(self):
        self._check_not_deposit_payment()
        return super().action_cancel()

    def action_reject(self):
        self._check_not_deposit_payment()
        return super().action_reject()
