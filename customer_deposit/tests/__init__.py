# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_deposit
from . import test_endings
from . import test_sale
from . import test_apply
from . import test_reports
from . import test_invariants
from . import test_query_budget
from . import test_tours
from . import test_i18n
from . import test_access_matrix
from . import test_bad_input
from . import test_lifecycle
from . import test_concurrency
from . import test_statuses_and_search
from . import test_write_protection
from . import test_report_access
from . import test_register_dialog
