/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// A billing user pays a deposit on a purchase order in the Pay Deposit dialog, bills the
// order and posts the bill: the order's deposit is applied to it (auto-apply: always).
registry.category("web_tour.tours").add("customer_deposit_purchase_pay_then_bill", {
    steps: () => [
        {
            content: "Pay a deposit on the purchase order",
            trigger:
                ".o_form_view .o_form_statusbar button[name='action_register_deposit']",
            run: "click",
        },
        {
            content: "The dialog names the order and proposes what it still owes",
            trigger: ".modal div[name='purchase_order_id']:contains(P0)",
        },
        {
            trigger: ".modal div[name='amount'] input:value(2,000.00)",
        },
        {
            content: "Pay part of it",
            trigger: ".modal div[name='amount'] input",
            run: "edit 800",
        },
        {
            content: "Transfer reference",
            trigger: ".modal div[name='payment_reference'] input",
            run: "edit Wire 4411",
        },
        {
            content: "Post from the dialog",
            trigger: ".modal button[name='action_create_deposit']",
            run: "click",
        },
        {
            content:
                "Back on the order, which shows the deposit paid and what is still due",
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger:
                ".o_form_view button[name='action_view_deposits'] div[name='deposit_count']:contains(1)",
        },
        {
            trigger: ".o_form_view div[name='deposit_amount_due']:contains(1,200.00)",
        },
        {
            content: "Bill the order",
            trigger:
                ".o_form_view .o_form_statusbar button[name='action_create_invoice']",
            run: "click",
        },
        {
            content: "The draft bill of the order",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Draft)",
        },
        {
            content: "Bill date",
            trigger: ".o_form_view div[name='invoice_date'] input",
            run: "edit 11/30/2026 && press Enter",
        },
        {
            content: "Confirm the bill",
            trigger:
                ".o_form_view .o_form_statusbar button[name='action_post']:not(:disabled)",
            run: "click",
        },
        {
            content: "The order's deposit pays part of the bill",
            trigger: ".o_form_view .ribbon:contains(Partial)",
        },
        {
            content: "The deposit is listed on the bill",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Deposits)",
            run: "click",
        },
        {
            content: "Applied",
            trigger:
                ".o_form_view div[name='deposit_application_ids'] .o_data_row td[name='state']:contains(Applied)",
        },
    ],
});
