#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the seed corpora of the fuzz harnesses into test/fuzz/corpus/NAME/seed-*.

The seeds are the fixtures of the test suites (copied from the test/*-test-suite.cc named beside
each group: valid files and the bad inputs they check), the shape records of the shipped models
(models/*.pt, read from the archive's pickled string) and the built-in service catalog as
ServiceCatalog::WriteCsv writes it (written by build/fuzz/fuzz-write-seeds when it is built).
Regression inputs (regress-*: inputs that once crashed a loader) are kept, never rewritten.

    python3 test/fuzz/make-seeds.py [--write-seeds=build/fuzz/fuzz-write-seeds]
"""

import argparse
import glob
import os
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "test", "fuzz", "corpus")

# test/microscope-layout-test-suite.cc
ANTENNAS = {
    "metres": "# a comment\nid,x_m,y_m\na1, 10.5, -3\n\na2,200,400.25\n",
    "latlon": "id,lat,lon\nA,45.0,9.0\nB,45.01,9.0\nC,45.0,9.01\n",
    "latlon-wide": "id,lat,lon\nA,45.40,9.10\nB,45.50,9.25\n",
    "fourth-column": "id,lat,lon,alt\na1,1,2,3\n",
    "short-row": "id,x_m,y_m\na1,1,2\na2,3\n",
    "nan": "id,x_m,y_m\na1,1,nan\n",
    "latitude": "id,lat,lon\na1,95,9\n",
    "duplicate-id": "id,x_m,y_m\na1,1,2\na2,3,4\na1,5,6\n",
    "duplicate-position": "id,lat,lon\na1,45,9\na2,45.0,9.0\n",
    "empty-id": "id,x_m,y_m\n,1,2\n",
}

# test/microscope-trace-test-suite.cc
H = "time_s,antenna,service,mbps\n"
TRACES = {
    "sparse": H + "0,x,Spotify,1.5\n7200,y,Google,2\n",
    "two-slots": H + "0,a1,YouTube,1\n300,a1,YouTube,2\n",
    "every-service": H + "".join(
        "%d,a%d,%s,%s\n" % (t, a, s, v)
        for t in (0, 300)
        for a in (1, 2)
        for s, v in (("YouTube", "1.25"), ("Facebook", "0"), ("Supercell", "3e-2")))
    ,
    "short-row": H + "0,a1,YouTube,1\n0,a2,YouTube\n",
    "unknown-service": H + "0,a1,Netflix,1\n",
    "negative": H + "0,a1,YouTube,-0.5\n",
    "off-slot": H + "0,a1,YouTube,1\n150,a1,YouTube,1\n",
    "decreasing": H + "600,a1,YouTube,1\n300,a1,YouTube,1\n",
    "duplicate": H + "300,a1,YouTube,1\n300,a2,YouTube,1\n300,a1,YouTube,2\n",
}

# test/microscope-milan-test-suite.cc
M = "1383260400000"
MILAN_TXT = {
    "day1": "1\t1383260400000\t0\t0.5\t\t0.2\t\t2.0\n"
            "1\t1383260400000\t39\t\t\t\t\t3.0\n"
            "1\t1383261000000\t39\t\t\t\t\t1.0\n"
            "3\t1383260400000\t0\t\t\t\t\t\n"
            "3\t1383310200000\t39\t1\t1\t1\t1\t4.0\n"
            "4\t1383346200000\t39\t\t\t\t\t0.4\n",
    "two-days": "1\t" + M + "\t0\t\t\t\t\t1\n1\t1383433200000\t0\t\t\t\t\t1\n",
    "interleaved": "2\t" + M + "\t0\t\t\t\t\t1\n1\t" + M + "\t0\t\t\t\t\t1\n"
                   "2\t1383261000000\t0\t\t\t\t\t1\n1\t1383261000000\t0\t\t\t\t\t1\n",
    "columns": "1\t" + M + "\t0\t\t\t\t\n",
    "order": "1\t1383261000000\t0\t\t\t\t\t1\n1\t" + M + "\t0\t\t\t\t\t1\n",
    "boundary": "1\t1383260460000\t0\t\t\t\t\t1\n",
    "negative": "1\t" + M + "\t0\t-1\t\t\t\t1\n",
}
CSV_HEADER = "datetime,CellID,countrycode,smsin,smsout,callin,callout,internet\n"
MILAN_CSV = {
    "day2": CSV_HEADER + "2013-11-02 00:00:00,2,39,0.1,0.1,,,8\n"
                         "2013-11-02 00:00:00,2,0,,,,,\n"
                         "2013-11-02 05:00:00,1,39,,,,,2.4\n"
                         "2013-11-02 05:00,1,39,,,,,0.6\n",
    "epoch": CSV_HEADER + M + ",1,39,,,,,1\n2013-11-01T00:10,1,39,1,,,,1\n",
    "date": CSV_HEADER + "2013-13-01 00:00:00,1,39,,,,,1\n",
    "minute": CSV_HEADER + "2013-11-01 00:05:00,1,39,,,,,1\n",
    "cell": CSV_HEADER + "2013-11-01 00:00:00,10001,39,,,,,1\n",
    "csv-order": CSV_HEADER + "2013-11-01 10:00:00,1,39,,,,,1\n2013-11-01 09:50:00,1,39,,,,,1\n",
}

OCI_HEADER = ("radio,mcc,net,area,cell,unit,lon,lat,range,samples,"
              "changeable,created,updated,averageSignal\n")
OPENCELLID = {
    "towers": OCI_HEADER + "GSM,222,1,1,1,0,9.0010,45.0010,1000,1,1,0,0,0\n"
                           "LTE,222,1,1,2,0,9.0050,45.0030,1000,1,1,0,0,0\n"
                           "UMTS,222,10,1,3,0,9.0020,45.0020,1000,1,1,0,0,0\n"
                           "LTE,208,1,1,4,0,9.0030,45.0010,1000,1,1,0,0,0\n"
                           "LTE,222,1,1,5,0,10.0,46.0,1000,1,1,0,0,0\n"
                           "LTE,222,1,1,6,0,9.00101,45.00101,1000,1,1,0,0,0\n",
    "milan": OCI_HEADER + "LTE,222,1,1,7,0,9.19,45.46,1000,1,1,0,0,0\n"
                          "LTE,222,1,1,8,0,9.1905,45.4601,1000,1,1,0,0,0\n",
    "columns": OCI_HEADER + "GSM,222,1,1,1,0,9.0,45.0\n",
    "lat": OCI_HEADER + "GSM,222,1,1,1,0,9.0,91,1,1,1,0,0,0\n",
    "mcc": OCI_HEADER + "GSM,x,1,1,1,0,9,45,1,1,1,0,0,0\n",
    "no-lon": "radio,mcc,net,lat\nGSM,222,1,45\n",
}

# test/microscope-dimensioning-test-suite.cc
ZONES = {
    "good": "zone,g_mb,f_mb,p\n6,27350.04,7237.04,0.95\n# comment\n\n19, 746016.40 ,225068.60,1\n",
    "columns": "zone,g_mb,f_mb,p\n1,2,3\n",
    "p": "zone,g_mb,f_mb,p\n1,2,3,0.5\n2,2,3,1.2\n",
    "negative": "zone,g_mb,f_mb,p\n1,-2,3,0.5\n",
    "twice": "zone,g_mb,f_mb,p\n1,2,3,0.5\n1,2,3,0.5\n",
}

# A shape record small enough to mutate quickly (the shipped ones follow).
TINY_MODEL = ('{"format":"microscope-model-1","architecture":"cnn","loss":"ratio-ce",'
              '"size":"small","level":"mec","interval_min":5.0,"history":6,'
              '"intervals_per_day":288,"rows":2,"cols":2,"kappa":1.5,"cells":[0,3],'
              '"positions":[[0.0,0.0],[100.5,-20.0]],"services":["YouTube","Spotify"],'
              '"calendar_features":true,"position_bias":true,"historical_prior":false,'
              '"scale":12.5,"cost_alpha":1.0,"cost_epsilon":0.01,"scenario":"fuzz seed",'
              '"command":"none"}')


def shipped_model_records():
    """The JSON shape records of the shipped models, by model name."""
    records = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "models", "*.pt"))):
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith("data.pkl"))
            data = archive.read(name)
        start = data.find(b'{"format":"microscope-model-1"')
        if start < 0:
            continue
        depth, k, in_string, escaped = 0, start, False, False
        while True:
            c = data[k:k + 1]
            if in_string:
                if escaped:
                    escaped = False
                elif c == b"\\":
                    escaped = True
                elif c == b'"':
                    in_string = False
            elif c == b'"':
                in_string = True
            elif c == b"{":
                depth += 1
            elif c == b"}":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        record = data[start:k + 1]
        if len(record) < 4096:  # the antenna-level records (35 kB) make slow seeds
            records[os.path.basename(path)[:-3]] = record.decode()
    return records


def write(name, seeds):
    folder = os.path.join(CORPUS, name)
    os.makedirs(folder, exist_ok=True)
    for old in glob.glob(os.path.join(folder, "seed-*")):
        os.remove(old)
    for label, text in seeds.items():
        with open(os.path.join(folder, "seed-" + label), "w", newline="") as f:
            f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-seeds", default=os.path.join(ROOT, "build", "fuzz",
                                                               "fuzz-write-seeds"))
    args = parser.parse_args()
    write("antenna-positions", ANTENNAS)
    write("demand-trace", TRACES)
    write("milan-txt", MILAN_TXT)
    write("milan-csv", MILAN_CSV)
    write("opencellid", OPENCELLID)
    write("zone-stats", ZONES)
    models = {"tiny": TINY_MODEL}
    models.update(shipped_model_records())
    write("model-info", models)
    # CsvTableReader: every fixture above, in both delimiters.
    every = {}
    for group, seeds in (("antennas", ANTENNAS), ("trace", TRACES), ("txt", MILAN_TXT),
                         ("csv", MILAN_CSV), ("oci", OPENCELLID), ("zones", ZONES)):
        for label, text in seeds.items():
            every[group + "-" + label] = text
    write("csv-table-reader", every)
    # The service catalog: the built-in one as WriteCsv writes it.
    folder = os.path.join(CORPUS, "service-catalog")
    os.makedirs(folder, exist_ok=True)
    if os.access(args.write_seeds, os.X_OK):
        subprocess.run([args.write_seeds, folder], check=True)
    elif not glob.glob(os.path.join(folder, "seed-*")):
        sys.exit("no %s: build the fuzz harnesses first (./microscope fuzz --build-only)"
                 % args.write_seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
