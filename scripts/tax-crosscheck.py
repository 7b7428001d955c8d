#!/usr/bin/env python3
"""Cross-check `hirepulse tax` against PolicyEngine-US on cases the tests do not hold.

Not part of the test suite (PolicyEngine is a large Python package). Run it by hand:

    python3 -m venv /tmp/pe && /tmp/pe/bin/pip install policyengine-us
    cargo build --release -p hirepulse
    /tmp/pe/bin/python scripts/tax-crosscheck.py target/release/hirepulse

Prints OK per case (27 cases), or each field that differs by 0.50 or more. Expected differences:
PolicyEngine itemises when state tax beats the standard deduction (hirepulse always takes the
standard deduction), and it does not model Washington's B&O tax.
"""
import json
import subprocess
import sys

from policyengine_us import Simulation

YEAR = "2026"
CASES = [  # filing, state, W-2, SE net profit, specified service, W-2 wages the business paid
    ("single", "TX", 150000, 0, False, 0), ("single", "TX", 250000, 0, False, 0),
    ("single", "TX", 0, 150000, False, 0), ("single", "NY", 100000, 0, False, 0),
    ("joint", "TX", 300000, 0, False, 0), ("joint", "TX", 180000, 100000, False, 0),
    ("single", "TX", 200000, 50000, False, 0), ("single", "TX", 0, 250000, True, 0),
    ("single", "TX", 0, 400000, True, 0), ("single", "TX", 0, 400000, False, 0),
    ("single", "TX", 0, 300000, False, 100000), ("single", "TX", 60000, 1500, False, 0),
    ("single", "TX", 0, 5000, False, 0), ("single", "NY", 130000, 0, False, 0),
    ("single", "NY", 250000, 0, False, 0), ("joint", "NY", 170000, 0, False, 0),
    ("joint", "NY", 200000, 0, False, 0), ("joint", "NY", 600000, 50000, False, 0),
    ("single", "NY", 1100000, 0, False, 0), ("single", "NY", 120000, 30000, True, 0),
    ("head", "TX", 90000, 0, False, 0), ("head", "TX", 0, 280000, True, 0),
    ("head", "FL", 150000, 60000, False, 0), ("joint", "TX", 0, 480000, True, 0),
]
PRE_TAX_CASES = [  # filing, state, W-2, 401(k) deferral, HSA (above the line)
    ("single", "NY", 100000, 10000, 4000), ("joint", "TX", 260000, 24500, 8750),
    ("head", "TX", 120000, 5000, 4400),
]
FIELDS = [  # PolicyEngine variable, hirepulse JSON key
    ("adjusted_gross_income", "agi"), ("taxable_income", "taxable_income"),
    ("income_tax_before_credits", "federal_income_tax"),
    ("qualified_business_income_deduction", "qbi_deduction"),
    ("self_employment_tax", "self_employment_tax"),
    ("employee_social_security_tax", "social_security"), ("employee_medicare_tax", "medicare"),
    ("additional_medicare_tax", "additional_medicare"),
]


def policyengine(filing, state, w2, se, sstb, paid, k401=0, hsa=0):
    people = {"you": {"age": {YEAR: 40}, "employment_income": {YEAR: w2},
                      "traditional_401k_contributions": {YEAR: k401},
                      "self_employment_income": {YEAR: se}, "business_is_sstb": {YEAR: sstb},
                      "w2_wages_from_qualified_business": {YEAR: paid}}}
    adults = ["you"]
    if filing == "joint":
        people["spouse"] = {"age": {YEAR: 40}}
        adults.append("spouse")
    members = list(adults)
    if filing == "head":
        people["child"] = {"age": {YEAR: 10}}
        members.append("child")
    situation = {
        "people": people,
        "tax_units": {"t": {"members": members, "health_savings_account_ald": {YEAR: hsa}}},
        "families": {"f": {"members": members}}, "spm_units": {"s": {"members": members}},
        "marital_units": {"m": {"members": adults}},
        "households": {"h": {"members": members, "state_name": {YEAR: state}}},
    }
    sim = Simulation(situation=situation)
    out = {key: float(sum(sim.calculate(var, int(YEAR)))) for var, key in FIELDS}
    if state == "NY":
        out["state_income_tax"] = float(sim.calculate("ny_income_tax_before_credits", int(YEAR))[0])
    return out


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/hirepulse"
    cases = [case + (0, 0) for case in CASES]
    cases += [(f, st, w2, 0, False, 0, k401, hsa) for f, st, w2, k401, hsa in PRE_TAX_CASES]
    for case in cases:
        filing, state, w2, se, sstb, paid, k401, hsa = case
        args = [binary, "tax", "--filing", filing, "--state", state, "--w2", str(w2), "--se", str(se),
                "--business-wages", str(paid), "--k401", str(k401), "--hsa", str(hsa),
                "--format", "json"] + (["--sstb"] if sstb else [])
        if hsa > 4400:
            args.append("--hsa-family")
        mine = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
        theirs = policyengine(*case)
        diffs = [f"{key}: PolicyEngine {value:.2f}, hirepulse {mine[key]:.2f}"
                 for key, value in theirs.items() if abs(value - mine[key]) >= 0.5]
        print(case, "OK" if not diffs else "; ".join(diffs))


if __name__ == "__main__":
    main()
