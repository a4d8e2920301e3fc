"""A pass-through stand-in for tqdm (the sandbox has no tqdm): iterates without drawing a bar."""


class tqdm:
    def __init__(self, iterable=None, *args, total=None, **kwargs):
        self.iterable = iterable
        self.total = total
        self.n = 0

    def __iter__(self):
        for item in self.iterable or []:
            self.n += 1
            yield item

    def __len__(self):
        return len(self.iterable) if self.iterable is not None else (self.total or 0)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n=1):
        self.n += n

    def set_description(self, *args, **kwargs):
        pass

    def set_postfix(self, *args, **kwargs):
        pass

    def write(self, message, *args, **kwargs):
        print(message)

    def close(self):
        pass


def trange(*args, **kwargs):
    return tqdm(range(*args), **kwargs)
