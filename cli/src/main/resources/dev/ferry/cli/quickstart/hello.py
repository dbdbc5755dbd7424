"""The quickstart flow: greets someone, counting up to the greeting."""
from prefect import flow


@flow(name="hello")
def hello(name: str = "world", count: int = 3):
    for i in range(1, count + 1):
        print(f"step {i} of {count}")
    print(f"Hello, {name}!")
