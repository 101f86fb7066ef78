/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// A portal customer pays the deposit a quotation asks for online, with the demo provider.
registry.category("web_tour.tours").add("customer_deposit_portal_prepayment", {
    steps: () => [
        {
            content: "Accept and pay the quotation",
            trigger: "#o_sale_portal_paynow",
            run: "click",
        },
        {
            content: "The deposit the quotation asks for is proposed",
            trigger:
                "#modalaccept button[name='o_sale_portal_amount_prepayment_button'].active",
        },
        {
            content: "Pay with the demo provider",
            trigger:
                "#modalaccept input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        {
            content: "Card holder",
            trigger: "#modalaccept input#customer_input",
            run: "edit Tour Customer",
        },
        {
            content: "Pay",
            trigger:
                "#modalaccept button[name='o_payment_submit_button']:not(:disabled)",
            run: "click",
        },
        {
            content: "Back on the order, confirmed by the payment",
            trigger: "#introduction h2:contains(Sales Order)",
            timeout: 20000,
        },
    ],
});

// The salesperson opens the confirmed order and finds the deposit on it.
registry
    .category("web_tour.tours")
    .add("customer_deposit_salesman_sees_online_deposit", {
        steps: () => [
            {
                content: "The order holds the deposit paid online",
                trigger:
                    ".o_form_view button[name='action_view_deposits']:contains(600.00)",
            },
            {
                content: "One deposit: open it",
                trigger:
                    ".o_form_view button[name='action_view_deposits'] div[name='deposit_count']:contains(1)",
                run: "click",
            },
            {
                content: "It is a received deposit of the order",
                trigger:
                    ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Received)",
            },
            {
                trigger: ".o_form_view div[name='amount_residual']:contains(600.00)",
            },
        ],
    });

// A salesperson sends a deposit request from an order.
registry.category("web_tour.tours").add("customer_deposit_request_from_order", {
    steps: () => [
        {
            content: "Request a deposit",
            trigger:
                ".o_form_view .o_form_statusbar button[name='action_request_deposit']",
            run: "click",
        },
        {
            content: "The expected deposit is proposed",
            trigger: ".modal div[name='amount'] input",
            run: "edit 450",
        },
        {
            content: "Send the request",
            trigger: ".modal button[name='action_send_deposit_request']",
            run: "click",
        },
        {
            content: "The order shows the deposit requested",
            trigger:
                ".o_form_view div[name='deposit_amount_requested_row']:contains(450.00)",
        },
        {
            trigger:
                ".o_form_view div[name='deposit_request_due_row']:contains(450.00)",
        },
        {
            content: "The request is in the chatter",
            trigger: ".o-mail-Message:contains(Deposit request)",
        },
    ],
});
