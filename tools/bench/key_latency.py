"""Key latency of the studio while a generation runs: types characters into the prompt through tmux and times
until each shows on the screen (tmux capture-pane polled every 2 ms, so figures include tmux's own delay).

usage: python3 tools/bench/key_latency.py STUDIO_BINARY MODEL_DIR [--wait 40] [--keys 20]
"""
import argparse
import statistics
import subprocess
import tempfile
import time


def tmux(*args):
    return subprocess.run(["tmux", "-L", "keylatency", *args], capture_output=True, text=True).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("model")
    parser.add_argument("--wait", type=float, default=40, help="seconds from the run's start to the first key")
    parser.add_argument("--keys", type=int, default=20)
    args = parser.parse_args()
    data = tempfile.mkdtemp()
    tmux("new-session", "-d", "-s", "k", "-x", "120", "-y", "40",
         f"XDG_DATA_HOME={data} XDG_STATE_HOME={data} {args.binary} --model {args.model} --graphics none")
    time.sleep(2)
    tmux("send-keys", "-t", "k", "x")
    tmux("send-keys", "-t", "k", "C-g")
    time.sleep(args.wait)
    latencies = []
    typed = "x"
    for i in range(args.keys):
        char = "abcdefghij"[i % 10]
        typed += char
        start = time.perf_counter()
        tmux("send-keys", "-t", "k", char)
        while typed not in tmux("capture-pane", "-t", "k", "-p"):
            if time.perf_counter() - start > 5:
                break
            time.sleep(0.002)
        latencies.append((time.perf_counter() - start) * 1000)
        time.sleep(0.2)
    status = tmux("capture-pane", "-t", "k", "-p").splitlines()[-1]
    tmux("kill-server")
    print(f"keys: {len(latencies)}, median {statistics.median(latencies):.1f} ms, "
          f"max {max(latencies):.1f} ms, all: {' '.join(f'{x:.0f}' for x in latencies)}")
    print(f"status bar during the keys: {status.strip()[:100]}")


if __name__ == "__main__":
    main()
