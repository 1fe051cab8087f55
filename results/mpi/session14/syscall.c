#include <sched.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
int main(){struct timespec a,b;int n=2000000;clock_gettime(CLOCK_MONOTONIC,&a);for(int i=0;i<n;i++)sched_yield();clock_gettime(CLOCK_MONOTONIC,&b);
printf("sched_yield %.3f us\n",((b.tv_sec-a.tv_sec)*1e9+(b.tv_nsec-a.tv_nsec))/n/1e3);
clock_gettime(CLOCK_MONOTONIC,&a);for(int i=0;i<n;i++)getppid();clock_gettime(CLOCK_MONOTONIC,&b);
printf("getppid %.3f us\n",((b.tv_sec-a.tv_sec)*1e9+(b.tv_nsec-a.tv_nsec))/n/1e3);}
