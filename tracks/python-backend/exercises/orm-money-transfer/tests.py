import pytest

import solution

OWNERS = ["Ada", "Grace", "Linus", "Margaret", "Ken"]


def bank(*balances):
    """A new bank whose accounts 1, 2, 3... hold these balances."""
    return solution.new_bank([(OWNERS[n], balance) for n, balance in enumerate(balances)])


def committed(session):
    """What any other connection sees: ([(id, balance)], [(from, to, amount, memo)])."""
    connection = session.get_bind().connect()
    try:
        accounts = [tuple(row) for row in connection.exec_driver_sql("SELECT id, balance_cents FROM accounts ORDER BY id")]
        transfers = [tuple(row) for row in connection.exec_driver_sql("SELECT from_id, to_id, amount_cents, memo FROM transfers ORDER BY id")]
    finally:
        connection.close()
    return accounts, transfers


def make_the_database_refuse(session, trigger):
    """Installs a trigger that makes the database refuse one step of a transfer."""
    connection = session.get_bind().connect()
    try:
        connection.exec_driver_sql(trigger)
        connection.commit()
    finally:
        connection.close()


def stop_refusing(session, name):
    make_the_database_refuse(session, f"DROP TRIGGER {name}")


def error_of(call, *args):
    """The name of the error the call raised, or None."""
    try:
        call(*args)
    except Exception as error:
        return type(error).__name__
    return None


def test_the_example_of_the_readme():
    session = solution.new_bank([("Ada", 10000), ("Grace", 500)])
    assert solution.transfer(session, 1, 2, 2500, "rent") == 1
    assert committed(session) == ([(1, 7500), (2, 3000)], [(1, 2, 2500, "rent")])
    assert error_of(solution.transfer, session, 2, 1, 5000) == "ValueError"
    assert solution.transfer(session, 2, 1, 3000) == 2
    assert committed(session) == ([(1, 10500), (2, 0)], [(1, 2, 2500, "rent"), (2, 1, 3000, "")])


def test_a_transfer_is_committed():
    session = bank(800, 0, 50)
    solution.transfer(session, 3, 1, 50, "lunch")
    assert committed(session) == ([(1, 850), (2, 0), (3, 0)], [(3, 1, 50, "lunch")]), "another connection does not see the transfer: was it committed?"


def test_transfers_are_numbered_and_the_memo_is_empty_by_default():
    session = bank(1000, 1000, 1000)
    assert [solution.transfer(session, 1, 2, 1), solution.transfer(session, 2, 3, 2), solution.transfer(session, 3, 1, 3)] == [1, 2, 3]
    assert committed(session) == ([(1, 1002), (2, 999), (3, 999)], [(1, 2, 1, ""), (2, 3, 2, ""), (3, 1, 3, "")])


def test_the_whole_balance_may_be_sent():
    session = bank(2500, 100)
    solution.transfer(session, 1, 2, 2500)
    assert committed(session)[0] == [(1, 0), (2, 2600)]


def test_more_than_the_balance_is_refused_and_nothing_changes():
    session = bank(2500, 100)
    assert error_of(solution.transfer, session, 1, 2, 2501) == "ValueError"
    assert committed(session) == ([(1, 2500), (2, 100)], [])


@pytest.mark.parametrize("amount", [0, -500, 10.5, 100.0, "100", True, None], ids=["zero", "negative", "a fraction", "a float", "a string", "True", "None"])
def test_an_amount_that_is_not_a_whole_number_above_0_is_refused(amount):
    session = bank(1000, 1000)
    assert error_of(solution.transfer, session, 1, 2, amount) == "ValueError"
    assert committed(session) == ([(1, 1000), (2, 1000)], [])


def test_an_account_cannot_send_money_to_itself():
    session = bank(1000, 1000)
    assert error_of(solution.transfer, session, 1, 1, 100) == "ValueError"
    assert committed(session) == ([(1, 1000), (2, 1000)], [])


@pytest.mark.parametrize("from_id, to_id", [(1, 3), (3, 1), (0, 2), (1, None)])
def test_an_account_that_does_not_exist_is_refused(from_id, to_id):
    session = bank(1000, 1000)
    assert error_of(solution.transfer, session, from_id, to_id, 100) == "ValueError"
    assert committed(session) == ([(1, 1000), (2, 1000)], [])


def test_when_the_database_refuses_the_credit_the_debit_is_undone_too():
    session = bank(1000, 1000, 1000)
    make_the_database_refuse(session, "CREATE TRIGGER no_credit BEFORE UPDATE OF balance_cents ON accounts WHEN NEW.id = 3 "
                                      "BEGIN SELECT RAISE(ABORT, 'account 3 is frozen'); END")
    assert error_of(solution.transfer, session, 1, 3, 400) == "IntegrityError"
    assert committed(session) == ([(1, 1000), (2, 1000), (3, 1000)], []), "after a refused credit, the money must not have left account 1"


def test_when_the_database_refuses_the_debit_nothing_changes():
    session = bank(1000, 1000, 1000)
    make_the_database_refuse(session, "CREATE TRIGGER no_debit BEFORE UPDATE OF balance_cents ON accounts WHEN NEW.id = 2 "
                                      "BEGIN SELECT RAISE(ABORT, 'account 2 is frozen'); END")
    assert error_of(solution.transfer, session, 2, 1, 400) == "IntegrityError"
    assert committed(session) == ([(1, 1000), (2, 1000), (3, 1000)], []), "after a refused debit, no money may have arrived on account 1"


def test_when_the_database_refuses_the_record_the_balances_are_undone():
    session = bank(1000, 1000)
    make_the_database_refuse(session, "CREATE TRIGGER no_record BEFORE INSERT ON transfers "
                                      "BEGIN SELECT RAISE(ABORT, 'transfers are closed'); END")
    assert error_of(solution.transfer, session, 1, 2, 400) == "IntegrityError"
    assert committed(session) == ([(1, 1000), (2, 1000)], []), "a transfer that could not be recorded must not move money"


def test_the_session_still_works_after_a_refused_transfer():
    session = bank(1000, 1000, 1000)
    error_of(solution.transfer, session, 1, 2, 5000)
    assert solution.transfer(session, 1, 2, 100) == 1
    make_the_database_refuse(session, "CREATE TRIGGER no_record BEFORE INSERT ON transfers "
                                      "BEGIN SELECT RAISE(ABORT, 'transfers are closed'); END")
    error_of(solution.transfer, session, 2, 3, 100)
    stop_refusing(session, "no_record")
    assert solution.transfer(session, 3, 1, 300, "after the refusal") == 2
    assert committed(session) == ([(1, 1200), (2, 1100), (3, 700)], [(1, 2, 100, ""), (3, 1, 300, "after the refusal")])


def test_many_transfers_keep_the_money_of_the_bank():
    session = bank(5000, 5000, 5000, 5000, 5000)
    moves = [(n % 5 + 1, (n * 3) % 5 + 1, (n * 37) % 900 + 1) for n in range(60)]
    expected = {account: 5000 for account in range(1, 6)}
    made = 0
    for source, target, amount in moves:
        if source == target:
            continue
        solution.transfer(session, source, target, amount, f"move {made}")
        expected[source] -= amount
        expected[target] += amount
        made += 1
    accounts, transfers = committed(session)
    assert accounts == sorted(expected.items())
    assert len(transfers) == made
    assert sum(balance for _, balance in accounts) == 25000


def test_unicode_memos():
    session = bank(1000, 0)
    solution.transfer(session, 1, 2, 999, "café crème ☕")
    assert committed(session)[1] == [(1, 2, 999, "café crème ☕")]
