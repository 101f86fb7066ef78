# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .customer_deposit import DEPOSIT_MOVE_KINDS
from .deposit_guard import addon_writes, is_addon_write, refuse_maintained
from .deposit_sides import DEPOSIT_SIDES, side_of_move_type

# Order deposits auto-apply reads at a time when an invoice is posted.
AUTO_APPLY_PAGE = 50

# Fields of a posted deposit entry that only the addon changes (besides Odoo's own rules).
DEPOSIT_MOVE_FIELDS = {"deposit_id", "deposit_move_kind"}
LOCKED_ENTRY_FIELDS = {
    "state",
    "line_ids",
    "invoice_line_ids",
    "date",
    "journal_id",
    "partner_id",
    "currency_id",
    "company_id",
    "move_type",
}


class AccountMove(models.Model):
    _inherit = "account.move"

    deposit_id = fields.Many2one(
        comodel_name="customer.deposit",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The customer deposit this entry belongs to.",
    )
    deposit_move_kind = fields.Selection(
        selection=[(kind, label) for kind, label, _undo in DEPOSIT_MOVE_KINDS],
        string="Deposit Entry Type",
        readonly=True,
        copy=False,
    )
    deposit_application_ids = fields.One2many(
        comodel_name="customer.deposit.application",
        inverse_name="invoice_id",
        string="Deposit Applications",
        readonly=True,
    )
    deposit_available_ids = fields.Many2many(
        comodel_name="customer.deposit",
        string="Available Deposits",
        compute="_compute_deposit_available_ids",
        help="Posted deposits of this customer (of this vendor, on a bill) with a balance left.",
    )
    deposit_order_available_ids = fields.Many2many(
        comodel_name="customer.deposit",
        string="Deposits Held for the Orders",
        compute="_compute_deposit_available_ids",
        help="Available deposits taken on the orders this invoice comes from.",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposit_sale_orders(self):
        """Sales orders this invoice comes from."""
        self.ensure_one()
        return self.invoice_line_ids.sale_line_ids.order_id

    def _get_available_deposits(self, domain=None, limit=None, count=False):
        """Deposits that may pay this invoice, oldest first: the customer's deposits for a
        customer invoice, the vendor's for a vendor bill (``domain`` narrows them, ``limit``
        pages them, ``count`` counts them)."""
        self.ensure_one()
        partner_type = side_of_move_type(self.move_type)
        if not partner_type:
            return 0 if count else self.env["customer.deposit"]
        return self.env["customer.deposit"]._get_available_deposits(
            self.commercial_partner_id,
            self.company_id,
            partner_type,
            domain=domain,
            limit=limit,
            count=count,
        )

    def _get_deposit_order_domain(self):
        """Domain of the deposits taken for the orders this invoice comes from, empty when it
        comes from none: a customer invoice's sales orders. The hook of order links: the
        purchase bridge adds a bill's purchase orders. Those deposits are offered first,
        shown on the invoice ('ask') and applied when it is posted ('always')."""
        self.ensure_one()
        if self.move_type != DEPOSIT_SIDES["customer"]["invoice_type"]:
            return []
        orders = self._get_deposit_sale_orders()
        return [("sale_order_id", "in", orders.ids)] if orders else []

    def _get_order_deposits(self, deposits):
        """Those of ``deposits`` taken for the orders this invoice comes from."""
        self.ensure_one()
        domain = self._get_deposit_order_domain()
        return deposits.filtered_domain(domain) if domain else deposits.browse()

    def _get_deposit_auto_apply(self):
        """The company's setting for order deposits on posting invoices of this kind
        (``always`` / ``ask`` / ``never``); False for entries no deposit pays."""
        self.ensure_one()
        partner_type = side_of_move_type(self.move_type)
        if not partner_type:
            return False
        return self.company_id[DEPOSIT_SIDES[partner_type]["auto_apply_field"]]

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends(
        "state",
        "payment_state",
        "commercial_partner_id",
        "amount_residual",
        "company_id.deposit_auto_apply",
        "company_id.vendor_deposit_auto_apply",
    )
    def _compute_deposit_available_ids(self):
        for move in self:
            deposits = self.env["customer.deposit"]
            if move.state == "posted" and not move.currency_id.is_zero(move.amount_residual):
                deposits = move._get_available_deposits()
            move.deposit_available_ids = deposits
            move.deposit_order_available_ids = (
                move._get_order_deposits(deposits)
                if deposits and move._get_deposit_auto_apply() == "ask"
                else deposits.browse()
            )

    @api.depends("deposit_id")
    def _compute_show_reset_to_draft_button(self):
        # Deposit entries are undone from the deposit: no button that is always refused.
        res = super()._compute_show_reset_to_draft_button()
        self.filtered("deposit_id").show_reset_to_draft_button = False
        return res

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_maintained(
                self,
                {name for name in DEPOSIT_MOVE_FIELDS if vals.get(name)},
                _("Deposit entries are made from the deposit (post, apply, refund...)."),
            )
        return super().create(vals_list)

    def write(self, vals):
        refuse_maintained(
            self,
            DEPOSIT_MOVE_FIELDS.intersection(vals),
            _("Deposit entries are made and undone from the deposit."),
        )
        # Item commands are checked before Odoo's write marks the entry as modified.
        line_vals = [
            command[2]
            for command in vals.get("line_ids") or []
            if isinstance(command, (list, tuple))
            and len(command) > 2
            and isinstance(command[2], dict)
        ]
        refuse_maintained(
            self.env["account.move.line"],
            {"deposit_id"} if any("deposit_id" in item for item in line_vals) else set(),
            _("Journal items belong to a deposit through their entry."),
        )
        if not is_addon_write() and LOCKED_ENTRY_FIELDS.intersection(vals):
            # Posted deposit entries are undone from the deposit, whatever the caller's
            # context says (Odoo's own check gives way to ``skip_readonly_check``).
            self.filtered(
                lambda move: (
                    move.deposit_id
                    and move.state == "posted"
                    and any(
                        name != "state" or vals["state"] != move.state
                        for name in LOCKED_ENTRY_FIELDS.intersection(vals)
                    )
                )
            )._check_not_deposit_entry()
        return super().write(vals)

    def unlink(self):
        # Before Odoo's own unlink, which marks sequence gaps on other entries first.
        self._check_not_deposit_entry()
        return super().unlink()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _check_not_deposit_entry(self):
        if self.filtered("deposit_id") and not is_addon_write():
            raise UserError(
                _(
                    "Entry %(entries)s belongs to deposit %(deposits)s: posted deposit "
                    "entries are undone from the deposit (unapply, reverse), never reset or "
                    "cancelled.",
                    entries=", ".join(self.filtered("deposit_id").mapped("display_name")),
                    deposits=", ".join(self.deposit_id.mapped("display_name")),
                )
            )

    def button_draft(self):
        self._check_not_deposit_entry()
        return super().button_draft()

    def button_cancel(self):
        self._check_not_deposit_entry()
        return super().button_cancel()

    def _reverse_moves(self, default_values_list=None, cancel=False):
        # Reversals of deposit entries (unapply, payment reversal, the engine undoing an
        # exchange difference) belong to the deposit too. Only the addon reverses them;
        # Odoo's engine may reverse the exchange differences it booked.
        if cancel:
            self._customer_deposit_release_applications(default_values_list)
        deposit_entries = self.filtered("deposit_id")
        if not deposit_entries:
            return super()._reverse_moves(default_values_list=default_values_list, cancel=cancel)
        deposit_entries.filtered(
            lambda move: move.deposit_move_kind != "exchange"
        )._check_not_deposit_entry()
        default_values_list = default_values_list or [{} for _move in self]
        undo_kinds = {kind: undo for kind, _label, undo in DEPOSIT_MOVE_KINDS}
        for move, default_values in zip(self, default_values_list):
            if move.deposit_id:
                default_values.setdefault("deposit_id", move.deposit_id.id)
                default_values.setdefault(
                    "deposit_move_kind", undo_kinds.get(move.deposit_move_kind, "unapply")
                )
        with addon_writes():
            return super()._reverse_moves(default_values_list=default_values_list, cancel=cancel)

    def js_remove_outstanding_partial(self, partial_id):
        """Odoo's "Unreconcile" in the invoice's payments: on a deposit application it
        unapplies the deposit (reversal of the transfer), so that the invoice and the deposit
        tell the same story."""
        partial = self.env["account.partial.reconcile"].browse(partial_id).exists()
        lines = partial.debit_move_id | partial.credit_move_id
        if lines.move_id.filtered(lambda move: move.deposit_move_kind == "apply"):
            applications = self.env["customer.deposit.application"].search(
                [("move_id", "in", lines.move_id.ids), ("state", "=", "applied")]
            )
            if applications:
                applications.action_unapply(
                    date=max(applications.mapped("date") + [fields.Date.context_today(self)])
                )
                return True
        return super().js_remove_outstanding_partial(partial_id)

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._customer_deposit_auto_apply()
        posted._customer_deposit_release_on_full_reversal()
        return posted

    def _customer_deposit_auto_apply(self):
        """Apply the deposits of the invoices' orders (sales orders; a bill's purchase orders
        with the purchase bridge) when the company says 'always' for that side (oldest
        deposit first, as much as each invoice owes)."""
        invoices = self.filtered(
            lambda move: (
                move._get_deposit_auto_apply() == "always" and move._get_deposit_order_domain()
            )
        )
        for invoice in invoices:
            # The order's deposits only, searched a page at a time: the customer may hold
            # thousands of other deposits, and an order a few.
            tried = []
            while not invoice.currency_id.is_zero(invoice.amount_residual):
                deposits = invoice.sudo()._get_available_deposits(
                    domain=[*invoice._get_deposit_order_domain(), ("id", "not in", tried)],
                    limit=AUTO_APPLY_PAGE,
                )
                if not deposits:
                    break
                tried += deposits.ids
                for deposit in deposits:
                    if invoice.currency_id.is_zero(invoice.amount_residual):
                        break
                    deposit.apply_to_invoice(invoice)

    def _customer_deposit_release_applications(self, default_values_list):
        """An invoice reversed and cancelled in one go ("Reverse and create invoice"):
        Odoo first unmatches it; its deposit applications are unapplied instead, on the
        reversal's date, so the deposits get their balance back."""
        for invoice, default_values in zip(self, default_values_list or [{} for _move in self]):
            if not side_of_move_type(invoice.move_type):
                continue
            # As superuser: whoever may reverse an invoice may release its deposits.
            applications = invoice.sudo().deposit_application_ids.filtered(
                lambda application: application.state == "applied"
            )
            if not applications:
                continue
            date = fields.Date.to_date(default_values.get("date")) or fields.Date.context_today(
                self
            )
            applications.action_unapply(date=max([date, *applications.mapped("date")]))
            applications.deposit_id._post_history(
                _("Released from %(invoice)s, reversed in full."), invoice=invoice
            )

    def _customer_deposit_release_on_full_reversal(self):
        """Cancelled order after invoicing: once posted credit notes reverse an invoice in
        full, the deposits applied to it are released (their applications unapplied) and
        the credit note settles the invoice. The deposits' balance is back, ready to be
        refunded, forfeited or applied elsewhere. Partial credit notes change nothing."""
        credit_notes = self.filtered(
            lambda move: (
                side_of_move_type(move.move_type, "credit_note_type") and move.reversed_entry_id
            )
        )
        for credit_note in credit_notes:
            side = DEPOSIT_SIDES[side_of_move_type(credit_note.move_type, "credit_note_type")]
            invoice = credit_note.reversed_entry_id
            # As superuser: whoever may post a credit note may have it settle its invoice,
            # even without access to deposits.
            applications = invoice.sudo().deposit_application_ids.filtered(
                lambda application: application.state == "applied"
            )
            reversed_total = sum(
                invoice.reversal_move_ids.filtered(
                    lambda move, side=side: (
                        move.state == "posted" and move.move_type == side["credit_note_type"]
                    )
                ).mapped("amount_total")
            )
            if (
                not applications
                or invoice.currency_id.compare_amounts(reversed_total, invoice.amount_total) < 0
            ):
                continue
            applications.action_unapply(date=max([credit_note.date, *applications.mapped("date")]))
            open_receivables = (invoice + credit_note).line_ids.filtered(
                lambda line, side=side: (
                    line.account_id.account_type == side["partner_account_type"]
                    and not line.reconciled
                )
            )
            for lines in open_receivables.grouped("account_id").values():
                lines.reconcile()
            applications.deposit_id._post_history(
                _("Released from %(invoice)s, reversed in full by credit note %(credit_note)s."),
                invoice=invoice,
                credit_note=credit_note,
            )

    def action_open_deposit_apply_wizard(self):
        """Open the wizard applying the customer's deposits to this invoice (the vendor's to
        this bill)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Apply Deposits"),
            "res_model": "customer.deposit.apply.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_invoice_id": self.id, "default_mode": "invoice"},
        }
