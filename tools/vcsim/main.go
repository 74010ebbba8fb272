// Command vcsim is the project's vSphere API peer for tests: govmomi's simulator with a vCenter (or ESXi)
// inventory, real credentials, TLS and a few scenario switches, plus the simulator's REST side (sessions,
// tagging, content libraries) on a vCenter. It listens on loopback only and prints
// "CAPI_VCSIM_URL=https://127.0.0.1:PORT/sdk" (no credentials) once it serves requests.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path"
	"strings"
	"syscall"
	"time"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vapi/library"
	"github.com/vmware/govmomi/vapi/rest"
	_ "github.com/vmware/govmomi/vapi/simulator" // registers the REST endpoints
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	listen := flag.String("l", "127.0.0.1:0", "listen address (host must be a loopback address)")
	username := flag.String("username", "jenkins", "the only user name accepted")
	password := flag.String("password", "", "the only password accepted (default: $VCSIM_PASSWORD)")
	esx := flag.Bool("esx", false, "simulate a standalone ESXi host instead of a vCenter")
	dc := flag.Int("dc", 1, "number of datacenters")
	dcFolder := flag.Int("dc-folder", 0, "put each datacenter, and its clusters, datastores and networks, in a folder")
	pool := flag.Int("pool", 0, "child resource pools per cluster")
	pod := flag.Int("pod", 0, "storage pods (datastore clusters) per datacenter")
	dsFree := flag.Int64("ds-free", -1, "set every datastore's free space to BYTES")
	dsMaintenance := flag.Bool("ds-maintenance", false, "put every datastore into maintenance mode")
	dsInaccessible := flag.Bool("ds-inaccessible", false, "mark every datastore as not accessible")
	delay := flag.Duration("delay", 0, "delay every SOAP call by this long (a slow endpoint)")
	tlsCert := flag.String("tls-cert", "", "PEM certificate to serve (with -tls-key)")
	tlsKey := flag.String("tls-key", "", "PEM private key for -tls-cert")
	writeCert := flag.String("write-cert", "", "generate a self-signed certificate for 127.0.0.1, serve it and write it (PEM) to this file")
	stdinEOF := flag.Bool("exit-on-stdin-eof", false, "stop when standard input closes (the parent process died)")
	var folders, namedFolders, vms, templates, libraries listFlag
	flag.Var(&folders, "folder", "create a VM folder PATH under the first datacenter's vm folder (repeatable)")
	flag.Var(&namedFolders, "named-folder", "create one VM folder whose NAME may contain '/', '%' or '\\' (repeatable)")
	flag.Var(&vms, "vm", "create a powered-off VM FOLDER/NAME under the first datacenter's vm folder (repeatable)")
	flag.Var(&templates, "template", "create a VM FOLDER/NAME and mark it as a template (repeatable)")
	flag.Var(&libraries, "library", "create a local content library NAME on the first datastore (repeatable; vCenter only)")
	flag.Parse()

	host, _, err := net.SplitHostPort(*listen)
	if err != nil {
		log.Fatalf("vcsim: bad -l %q: %v", *listen, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		log.Fatalf("vcsim: refusing to listen on %q: loopback addresses only", host)
	}
	if *password == "" {
		*password = os.Getenv("VCSIM_PASSWORD")
	}
	if *password == "" {
		log.Fatal("vcsim: a password is required (-password or VCSIM_PASSWORD)")
	}

	model := simulator.VPX()
	if *esx {
		model = simulator.ESX()
	} else {
		model.Datacenter = *dc
		model.Pool = *pool
		model.Folder = *dcFolder
		model.Pod = *pod
	}
	model.DelayConfig.Delay = int(delay.Milliseconds())
	if err := model.Create(); err != nil {
		log.Fatalf("vcsim: create model: %v", err)
	}
	defer model.Remove()

	tlsConfig, err := serverTLS(*tlsCert, *tlsKey, *writeCert)
	if err != nil {
		log.Fatalf("vcsim: TLS: %v", err)
	}
	model.Service.TLS = tlsConfig
	model.Service.RegisterEndpoints = true
	model.Service.Listen = &url.URL{Host: *listen, User: url.UserPassword(*username, *password)}
	server := model.Service.NewServer()
	defer server.Close()

	if err := populate(server.URL, folders, namedFolders, vms, templates, libraries); err != nil {
		log.Fatalf("vcsim: populate: %v", err)
	}
	for _, obj := range model.Map().All("Datastore") {
		ds := obj.(*simulator.Datastore)
		if *dsFree >= 0 {
			ds.Summary.FreeSpace = *dsFree
			ds.Info.GetDatastoreInfo().FreeSpace = *dsFree
		}
		if *dsInaccessible {
			ds.Summary.Accessible = false
		}
		if *dsMaintenance {
			ds.Summary.MaintenanceMode = string(types.DatastoreSummaryMaintenanceModeStateInMaintenance)
		}
	}

	public := *server.URL
	public.User = nil
	fmt.Printf("CAPI_VCSIM_URL=%s\n", public.String())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	if *stdinEOF {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop <- syscall.SIGTERM
		}()
	}
	<-stop
}

// serverTLS returns the TLS config to serve: a given key pair, a freshly generated one (written out so tests
// can trust it), or Go's built-in test certificate (an empty config).
func serverTLS(certFile, keyFile, writeCert string) (*tls.Config, error) {
	switch {
	case certFile != "":
		pair, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, err
		}
		return &tls.Config{Certificates: []tls.Certificate{pair}}, nil
	case writeCert != "":
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, err
		}
		serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
		tmpl := &x509.Certificate{
			SerialNumber:          serial,
			Subject:               pkix.Name{CommonName: "capi vcsim test CA"},
			NotBefore:             time.Now().Add(-time.Hour),
			NotAfter:              time.Now().Add(24 * time.Hour),
			IsCA:                  true,
			BasicConstraintsValid: true,
			KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
			ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			IPAddresses:           []net.IP{net.ParseIP("127.0.0.1"), net.IPv6loopback},
			DNSNames:              []string{"localhost"},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			return nil, err
		}
		certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
		if err := os.WriteFile(writeCert, certPEM, 0o644); err != nil {
			return nil, err
		}
		return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, nil
	default:
		return new(tls.Config), nil
	}
}

// populate creates the scenario objects through the simulator's own SOAP API, as a client would.
func populate(u *url.URL, folders, namedFolders, vms, templates, libraries []string) error {
	if len(folders)+len(namedFolders)+len(vms)+len(templates)+len(libraries) == 0 {
		return nil
	}
	ctx := context.Background()
	c, err := govmomi.NewClient(ctx, u, true)
	if err != nil {
		return err
	}
	defer func() { _ = c.Logout(ctx) }()
	finder := find.NewFinder(c.Client, false)
	dc, err := finder.DefaultDatacenter(ctx)
	if err != nil {
		return err
	}
	finder.SetDatacenter(dc)
	dcFolders, err := dc.Folders(ctx)
	if err != nil {
		return err
	}
	for _, p := range folders {
		if _, err := ensureFolder(ctx, finder, dcFolders.VmFolder, p); err != nil {
			return err
		}
	}
	for _, name := range namedFolders {
		if _, err := dcFolders.VmFolder.CreateFolder(ctx, name); err != nil {
			return err
		}
	}
	for _, p := range vms {
		if _, err := createVM(ctx, finder, dcFolders.VmFolder, p); err != nil {
			return err
		}
	}
	for _, p := range templates {
		vm, err := createVM(ctx, finder, dcFolders.VmFolder, p)
		if err != nil {
			return err
		}
		if err := vm.MarkAsTemplate(ctx); err != nil {
			return err
		}
	}
	return createLibraries(ctx, c, finder, u, libraries)
}

func ensureFolder(ctx context.Context, finder *find.Finder, root *object.Folder, p string) (*object.Folder, error) {
	folder := root
	for _, name := range strings.Split(strings.Trim(p, "/"), "/") {
		if name == "" {
			continue
		}
		refs, err := folder.Children(ctx)
		if err != nil {
			return nil, err
		}
		var next *object.Folder
		for _, r := range refs {
			if f, ok := r.(*object.Folder); ok {
				var m mo.Folder
				if err := f.Properties(ctx, f.Reference(), []string{"name"}, &m); err != nil {
					return nil, err
				}
				if m.Name == name {
					next = f
				}
			}
		}
		if next == nil {
			created, err := folder.CreateFolder(ctx, name)
			if err != nil {
				return nil, err
			}
			next = created
		}
		folder = next
	}
	return folder, nil
}

// createVM makes a powered-off VM with a 20 GiB disk, 2 CPUs and 4 GiB of memory in FOLDER/NAME.
func createVM(ctx context.Context, finder *find.Finder, root *object.Folder, p string) (*object.VirtualMachine, error) {
	dir, name := path.Split(strings.Trim(p, "/"))
	folder, err := ensureFolder(ctx, finder, root, dir)
	if err != nil {
		return nil, err
	}
	pool, err := finder.DefaultResourcePool(ctx)
	if err != nil {
		pools, err2 := finder.ResourcePoolList(ctx, "*/Resources")
		if err2 != nil || len(pools) == 0 {
			return nil, err
		}
		pool = pools[0]
	}
	ds, err := finder.DefaultDatastore(ctx)
	if err != nil {
		return nil, err
	}
	devices := object.VirtualDeviceList{}
	scsi, err := devices.CreateSCSIController("pvscsi")
	if err != nil {
		return nil, err
	}
	devices = append(devices, scsi)
	disk := devices.CreateDisk(scsi.(types.BaseVirtualController), ds.Reference(), "")
	disk.CapacityInKB = 20 * 1024 * 1024
	devices = append(devices, disk)
	changes, err := devices.ConfigSpec(types.VirtualDeviceConfigSpecOperationAdd)
	if err != nil {
		return nil, err
	}
	for _, c := range changes {
		if _, ok := c.GetVirtualDeviceConfigSpec().Device.(*types.VirtualDisk); ok {
			c.GetVirtualDeviceConfigSpec().FileOperation = types.VirtualDeviceConfigSpecFileOperationCreate
		}
	}
	spec := types.VirtualMachineConfigSpec{
		Name:         name,
		GuestId:      "rhel8_64Guest",
		NumCPUs:      2,
		MemoryMB:     4096,
		Files:        &types.VirtualMachineFileInfo{VmPathName: "[" + ds.Name() + "]"},
		DeviceChange: changes,
	}
	task, err := folder.CreateVM(ctx, spec, pool, nil)
	if err != nil {
		return nil, err
	}
	info, err := task.WaitForResult(ctx)
	if err != nil {
		return nil, err
	}
	return object.NewVirtualMachine(folder.Client(), info.Result.(types.ManagedObjectReference)), nil
}

// createLibraries makes local content libraries through the REST API, backed by the first datastore.
func createLibraries(ctx context.Context, c *govmomi.Client, finder *find.Finder, u *url.URL, names []string) error {
	if len(names) == 0 {
		return nil
	}
	ds, err := finder.DefaultDatastore(ctx)
	if err != nil {
		return err
	}
	rc := rest.NewClient(c.Client)
	if err := rc.Login(ctx, u.User); err != nil {
		return err
	}
	defer func() { _ = rc.Logout(ctx) }()
	m := library.NewManager(rc)
	for _, name := range names {
		_, err := m.CreateLibrary(ctx, library.Library{
			Name:    name,
			Type:    "LOCAL",
			Storage: []library.StorageBacking{{DatastoreID: ds.Reference().Value, Type: "DATASTORE"}},
		})
		if err != nil {
			return err
		}
	}
	return nil
}
