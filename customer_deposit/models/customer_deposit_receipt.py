# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import UserError


class CustomerDeposit(models.Model):
    """The customer-facing receipt of a deposit: amount in words and emailing."""

    _inherit = "customer.deposit"

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_amount_in_words(self):
        """The amount received in words, in the language of the environment."""
        self.ensure_one()
        return self.currency_id.amount_to_text(self.amount)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_send_receipt(self):
        """Open the email composer with the deposit receipt template (the PDF receipt is
        attached). Nothing is sent until the user confirms; refused for drafts."""
        self._ensure_one_deposit()
        if not self.payment_id:
            raise UserError(
                _("Post the deposit before sending its receipt: a draft has received nothing.")
            )
        if self.state == "reversed":
            raise UserError(
                _(
                    "Deposit %s was reversed: its money was never received, there is no "
                    "receipt to send.",
                    self.display_name,
                )
            )
        template = self.env.ref(
            "customer_deposit.mail_template_deposit_receipt", raise_if_not_found=False
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Send Deposit Receipt"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id if template else False,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "mail_post_autofollow": True,
                "force_email": True,
            },
        }
