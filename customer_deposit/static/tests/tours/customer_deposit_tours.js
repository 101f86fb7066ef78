/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// 1. A billing user records a deposit from the customer form and posts it.
registry.category("web_tour.tours").add("customer_deposit_record_from_customer", {
    steps: () => [
        {
            content: "Open the customer's deposits",
            trigger: ".o_form_view button[name='action_view_deposits']",
            run: "click",
        },
        {
            content: "New deposit for this customer",
            trigger: ".o_list_view .o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "The customer is prefilled",
            trigger: ".o_form_view div[name='partner_id'] input:value(Tour Customer)",
        },
        {
            content: "Amount received",
            trigger: ".o_form_view div[name='amount'] input",
            run: "edit 750",
        },
        {
            content: "Cheque number",
            trigger: ".o_form_view div[name='payment_reference'] input",
            run: "edit Cheque 555",
        },
        {
            content: "Post",
            trigger: ".o_form_view .o_form_statusbar button[name='action_post']",
            run: "click",
        },
        {
            content: "The deposit is received and numbered",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Received)",
        },
        {
            trigger: ".o_form_view .oe_title:contains(DEP/)",
        },
        {
            content: "Its unapplied balance is the amount received",
            trigger: ".o_form_view div[name='amount_residual']:contains(750.00)",
        },
    ],
});

// 3. A billing user applies two deposits to a posted invoice with the wizard.
registry.category("web_tour.tours").add("customer_deposit_apply_from_invoice", {
    steps: () => [
        {
            content: "Apply deposits to the invoice",
            trigger:
                ".o_form_view .o_form_statusbar button[name='action_open_deposit_apply_wizard']",
            run: "click",
        },
        {
            content: "Both deposits are offered, amounts filled",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:nth-child(2)",
        },
        {
            trigger:
                ".modal .o_field_widget[name='line_ids'] .o_data_row:nth-child(2) td[name='amount']:contains(200.00)",
        },
        {
            content: "Apply",
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "The invoice is paid",
            trigger: ".o_form_view .ribbon:contains(Paid)",
        },
        {
            content: "The deposits are listed on the invoice",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Deposits)",
            run: "click",
        },
        {
            content: "Both applications are listed",
            trigger:
                ".o_form_view div[name='deposit_application_ids'] .o_data_row:nth-child(2)",
        },
    ],
});

// 5. An accountant opens the unapplied deposits report as of a past date.
registry.category("web_tour.tours").add("customer_deposit_unapplied_report", {
    steps: () => [
        {
            content: "Open Reporting",
            trigger:
                ".o_main_navbar button[data-menu-xmlid='account.menu_finance_reports']",
            run: "click",
        },
        {
            content: "Unapplied deposits",
            trigger:
                ".o_popover a[data-menu-xmlid='customer_deposit.menu_customer_deposit_unapplied'], .dropdown-menu a[data-menu-xmlid='customer_deposit.menu_customer_deposit_unapplied']",
            run: "click",
        },
        {
            content: "As of a past date",
            trigger: ".modal div[name='as_of_date'] input",
            run: "edit 02/15/2017 && press Enter",
        },
        {
            content: "The total on that date ties to the account",
            trigger: ".modal div[name='report_total']:contains(1,000.00)",
        },
        {
            trigger: ".modal div[name='account_balance']:contains(1,000.00)",
        },
        {
            content: "View the lines",
            trigger: ".modal button[name='action_open_report']",
            run: "click",
        },
        {
            content: "One customer with its deposit",
            trigger: ".o_list_view .o_group_header:contains(Tour Customer)",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains(1,000.00)",
        },
    ],
});

// 2. A salesman registers a deposit from his sales order; the order shows it.
registry.category("web_tour.tours").add("customer_deposit_register_from_order", {
    steps: () => [
        {
            content: "Register a deposit on the order",
            trigger:
                ".o_form_view .o_form_statusbar button[name='action_register_deposit']",
            run: "click",
        },
        {
            content: "Order and customer are prefilled, the amount suggested",
            trigger: ".o_form_view div[name='sale_order_id'] input:value(S)",
        },
        {
            trigger: ".o_form_view div[name='amount'] input:value(1,200.00)",
        },
        {
            content: "Cheque number",
            trigger: ".o_form_view div[name='payment_reference'] input",
            run: "edit Cheque 8812",
        },
        {
            content: "Post",
            trigger: ".o_form_view .o_form_statusbar button[name='action_post']",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Received)",
        },
        {
            content: "Back to the order",
            trigger: ".o_breadcrumb .breadcrumb-item:not(.active) a:contains(S0)",
            run: "click",
        },
        {
            content: "The order shows the deposit received",
            trigger: ".o_form_view button[name='action_view_deposits']:contains(1)",
        },
        {
            trigger:
                ".o_form_view div[name='deposit_amount_received']:contains(1,200.00)",
        },
    ],
});

// 4. An accountant refunds part of a deposit, then reverses another as a bounced cheque.
registry.category("web_tour.tours").add("customer_deposit_refund_and_bounce", {
    steps: () => [
        {
            content: "Refund",
            trigger: ".o_form_view .o_form_statusbar button:contains(Refund)",
            run: "click",
        },
        {
            content: "Refund part of the balance",
            trigger: ".modal div[name='amount'] input",
            run: "edit 150",
        },
        {
            trigger: ".modal footer button.btn-primary",
            run: "click",
        },
        {
            content:
                "The outgoing payment opens, ready to print or send; back to the deposit",
            trigger: ".o_breadcrumb .breadcrumb-item:not(.active) a:contains(DEP/)",
            run: "click",
        },
        {
            content: "The rest stays on the deposit",
            trigger: ".o_form_view div[name='amount_residual']:contains(250.00)",
        },
        {
            trigger: ".o_form_view div[name='amount_refunded']:contains(150.00)",
        },
        {
            content: "Back to the list",
            trigger:
                ".o_breadcrumb .breadcrumb-item:not(.active) a:contains(Customer Deposits)",
            run: "click",
        },
        {
            content: "Open the deposit whose cheque bounced",
            trigger: ".o_list_view .o_data_row td:contains(Cheque 0093)",
            run: "click",
        },
        {
            content: "Reverse",
            trigger: ".o_form_view .o_form_statusbar button:contains(Reverse)",
            run: "click",
        },
        {
            trigger: ".modal div[name='reason'] input",
            run: "edit Cheque returned unpaid (NSF)",
        },
        {
            content: "It is a bounced cheque",
            trigger: ".modal div[name='bounced'] input",
            run: "click",
        },
        {
            trigger: ".modal .alert-info:contains(returned cheque)",
        },
        {
            trigger: ".modal footer button[name='action_reverse']",
            run: "click",
        },
        {
            content: "The deposit is reversed",
            trigger: ".o_form_view .ribbon:contains(Reversed)",
        },
    ],
});
