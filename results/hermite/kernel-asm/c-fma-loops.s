    19f0:	vmovupd (%rdi,%rsi,1),%ymm3
    19f5:	vmovupd (%r8,%rsi,1),%ymm7
    19fb:	vsubpd %ymm10,%ymm3,%ymm9
    1a00:	vmovupd (%r9,%rsi,1),%ymm3
    1a06:	vsubpd %ymm1,%ymm7,%ymm7
    1a0a:	vmulpd %ymm7,%ymm7,%ymm0
    1a0e:	vfmadd231pd %ymm9,%ymm9,%ymm0
    1a13:	vsubpd %ymm2,%ymm3,%ymm11
    1a17:	vfmadd231pd %ymm11,%ymm11,%ymm0
    1a1c:	vaddpd %ymm14,%ymm0,%ymm3
    1a21:	vsqrtpd %ymm3,%ymm0
    1a25:	vmulpd %ymm0,%ymm3,%ymm0
    1a29:	vdivpd %ymm0,%ymm13,%ymm0
    1a2d:	vmulpd (%r10,%rsi,1),%ymm0,%ymm0
    1a33:	add    $0x20,%rsi
    1a37:	vfmadd231pd %ymm0,%ymm9,%ymm6
    1a3c:	vfmadd231pd %ymm0,%ymm7,%ymm5
    1a41:	vfmadd231pd %ymm0,%ymm11,%ymm4
    1a46:	cmp    %rsi,%r13
    1a49:	jne    19f0 <main._omp_fn.0+0x160>
# instructions 20, vector FP arithmetic 14, reloads from stack 0, stores to stack 0

    1ed0:	vmovupd (%r9,%rax,1),%ymm4
    1ed6:	vsubpd 0x100(%rsp),%ymm4,%ymm4
    1edf:	vmovupd (%r8,%rax,1),%ymm7
    1ee5:	vsubpd 0x120(%rsp),%ymm7,%ymm5
    1eee:	vmovupd (%r10,%rax,1),%ymm6
    1ef4:	vsubpd 0xe0(%rsp),%ymm6,%ymm3
    1efd:	vmovupd (%r15,%rax,1),%ymm6
    1f03:	vsubpd 0xc0(%rsp),%ymm6,%ymm9
    1f0c:	vmovupd (%r14,%rax,1),%ymm6
    1f12:	vsubpd 0xa0(%rsp),%ymm6,%ymm8
    1f1b:	vmovupd 0x0(%r13,%rax,1),%ymm6
    1f22:	vsubpd 0x80(%rsp),%ymm6,%ymm7
    1f2b:	vbroadcastsd 0x116c(%rip),%ymm6
    1f34:	vmulpd %ymm4,%ymm4,%ymm2
    1f38:	vfmadd231pd %ymm5,%ymm5,%ymm2
    1f3d:	vfmadd231pd %ymm3,%ymm3,%ymm2
    1f42:	vaddpd 0x1116(%rip),%ymm2,%ymm2
    1f4a:	vdivpd %ymm2,%ymm6,%ymm2
    1f4e:	vmulpd (%r11,%rax,1),%ymm2,%ymm6
    1f54:	add    $0x20,%rax
    1f58:	vsqrtpd %ymm2,%ymm1
    1f5c:	vmulpd %ymm1,%ymm6,%ymm6
    1f60:	vmulpd %ymm8,%ymm4,%ymm1
    1f65:	vfmadd231pd %ymm9,%ymm5,%ymm1
    1f6a:	vfmadd231pd %ymm6,%ymm5,%ymm14
    1f6f:	vfmadd231pd %ymm6,%ymm4,%ymm13
    1f74:	vfmadd231pd %ymm6,%ymm3,%ymm12
    1f79:	vfmadd231pd %ymm7,%ymm3,%ymm1
    1f7e:	vmulpd 0x10fa(%rip),%ymm1,%ymm1
    1f86:	vmulpd %ymm2,%ymm1,%ymm1
    1f8a:	vfnmadd132pd %ymm1,%ymm9,%ymm5
    1f8f:	vfnmadd132pd %ymm1,%ymm8,%ymm4
    1f94:	vfnmadd132pd %ymm1,%ymm7,%ymm3
    1f99:	vfmadd231pd %ymm5,%ymm6,%ymm11
    1f9e:	vfmadd231pd %ymm4,%ymm6,%ymm10
    1fa3:	vfmadd231pd %ymm3,%ymm6,%ymm0
    1fa8:	cmp    %rdi,%rax
    1fab:	jne    1ed0 <main._omp_fn.1+0x240>
# instructions 38, vector FP arithmetic 28, reloads from stack 0, stores to stack 0

